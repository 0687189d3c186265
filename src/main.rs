//! The `styrdok` command line: parses arguments and hands each subcommand to its module in `cli/`.

mod cli;

/// Documents are read on several threads at once, each allocating many small strings; glibc's
/// allocator serialises much of that (a run on two cores gained 1.6× over one), mimalloc keeps a heap
/// per thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
