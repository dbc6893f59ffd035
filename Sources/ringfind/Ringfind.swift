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
              ringfind build data/        read the logs in data/, write Output/
              ringfind query              ask questions of the last build
              ringfind render --ring 1    draw a ring again (SVG, PNG or DOT)
              ringfind generate world/    write a marketplace with planted rings
              ringfind eval Output --truth world/truth.csv
                                          score the rings against the truth
              ringfind bench ingest       measure speed and memory

            The input contract (file names, columns, formats) is in README.md.
            """,
        version: RingfindVersion.current,
        subcommands: [
            BuildCommand.self, QueryCommand.self, GenerateCommand.self, EvalCommand.self, RenderCommand.self,
            RevealCommand.self, BenchCommand.self,
        ]
    )
}
