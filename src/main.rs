//! The respmatrix binary: main → run → ExitCode. The library returns errors; only this prints.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
