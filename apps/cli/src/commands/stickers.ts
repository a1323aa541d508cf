import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error.ts';
import { buildStickerIndex } from '../stickers/build-sticker-index.ts';
import { DEFAULT_STICKERS_DIR } from '../stickers/default-dir.ts';

const USAGE = `Usage: yam stickers index [DIR]

Makes any missing preview and rebuilds DIR/index.json from DIR/<category>/<image>
(webp, png, gif, jpg, svg). DIR defaults to the stickers folder beside this program.
Add a pack by copying its images into a new folder under DIR and running this again.`;

export async function stickersCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const [verb, dirArg] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (verb !== 'index') throw new CliError(USAGE, 2);
  const dir = resolve(dirArg ?? DEFAULT_STICKERS_DIR);
  const report = await buildStickerIndex(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new CliError(`no sticker folder at ${dir}: create it, or name another one`, 1);
    throw error;
  });
  for (const skipped of report.skipped) process.stderr.write(`yam stickers: skipped ${skipped}\n`);
  process.stdout.write(
    `${report.stickers} stickers in ${report.categories} categories; ${report.previewsMade} previews made; ` +
      `${report.written ? 'index.json written' : 'index.json unchanged'} (${dir})\n`,
  );
  return 0;
}
