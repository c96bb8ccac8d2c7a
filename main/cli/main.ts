import { runCli } from './certmapper';

// The bundled `certmapper` executable. exitCode, not process.exit(): stdout to a pipe is written
// asynchronously, and exiting at once would cut a long --json answer short.
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
