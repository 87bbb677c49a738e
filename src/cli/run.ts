import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { applyEnvFile, describeEnvFile } from '../config/env-file.js';

/** Entry-point wrapper: configuration errors print plainly (no stack) and exit 1. */
export async function runCli(main: (config: Config) => Promise<void>): Promise<void> {
  let config: Config;
  try {
    const envFile = describeEnvFile(applyEnvFile());
    // Before the logger exists (it is configured from the file too), so plainly on stderr.
    if (envFile) console.error(`[p2h] ${envFile}`);
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    await main(config);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
