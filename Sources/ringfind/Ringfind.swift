import ArgumentParser
import RingfindBuild

/// `ringfind`: find broker bribery rings in communications, payments and access logs.
@main
struct Ringfind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ringfind",
        abstract: "Find broker bribery rings in communications, payments and access logs.",
        discussion: """
            Typical use:
              ringfind build data/     read the logs in data/, write reports to Output/
              ringfind bench ingest    measure ingest speed on generated data

            The input contract (file names, columns, formats) is in README.md.
            """,
        version: RingfindVersion.current,
        subcommands: [BuildCommand.self, QueryCommand.self, GenerateCommand.self, EvalCommand.self, RenderCommand.self, RevealCommand.self, BenchCommand.self]
    )
}
