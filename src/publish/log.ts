/**
 * Text made safe for one line of the step's log, escaped as @actions/core escapes a workflow
 * command's data. The runner reads any line that starts with `::` as a command (::error::,
 * ::add-mask::, ::stop-commands::), so a name or message from an artifact must not be able to
 * start a line. core.warning and core.error escape their message themselves; core.info does not.
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
