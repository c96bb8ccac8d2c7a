import { runCli } from './certmapper';

// The bundled `certmapper` executable: exit with the command's status.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
