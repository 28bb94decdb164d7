import path from 'node:path';
import { frameInStack } from '../../text/frames.js';

/**
 * The line of the frame in a test's own file. Mocha writes frames relative to its working
 * directory, the test's file absolute: the frame's path must end the file's.
 */
export function ownFrameLine(stack: string, file: string): number | undefined {
  const frame = frameInStack(stack, path.posix.basename(file));
  return frame && file.endsWith(frame.file.replace(/^\.\//, '')) ? frame.line : undefined;
}
