import ArgumentParser

/// `ringfind bench`: measurements that are not tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks on generated data (speed and memory, printed as a table).",
        subcommands: []
    )
}
