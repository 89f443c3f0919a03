//! The respmatrix binary: main → run → ExitCode.

use std::process::ExitCode;

fn main() -> ExitCode {
    respmatrix::cli::main()
}
