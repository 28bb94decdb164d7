/** See attacks.mjs: [prefix, unit, suffix] of each crafted line, by name. */
export declare const ATTACKS: Readonly<Record<string, readonly [string, string, string]>>;
