//! `bmahr`: the BMA human-resources information system, one binary with subcommands.

mod cli;
mod demo;
mod files;

use std::process::ExitCode;

use clap::Parser;

/// A page is rendered from many small strings and values, freed at once; glibc's allocator
/// spent 15 % of a loaded server's time on them (profile page).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
