/** A bad setting: `where` names the input, flag or config key, so the message can say exactly what to fix. */
export class SettingError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'SettingError';
  }
}
