/** See carriers.mjs: each parser's format → a template of its document around a crafted line. */
export declare const CARRIERS: Readonly<Record<string, string>>;
export declare const ATTRIBUTE_MAX: number;
export declare const ESCAPES: Readonly<Record<'line' | 'xml' | 'attr' | 'json', (s: string) => string>>;
export declare function pieces(template: string): string[];
export declare function carrier(format: string, line: string): string;
