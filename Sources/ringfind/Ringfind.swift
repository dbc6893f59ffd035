import ArgumentParser
import CAllocator
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

    /// Blocks of 1 MB and more (a million entities' per-node arrays and up) are mapped on
    /// their own and go back to the system when freed, rather than stay in the allocating
    /// thread's heap (`ringfind_map_large_blocks`). Measured on the 1M-entity / 10M-event
    /// world, builds back to back: peak 2.13-2.21 GB without it, 1.94-1.97 GB with it, time
    /// unchanged within the machine's noise (24.3-25.5 s both ways); no output changes. A
    /// 256 KB threshold saved no more and cost 1.5 s; 16 MB saved half as much.
    static let largeBlockBytes = 1 << 20

    static func main() {
        _ = ringfind_map_large_blocks(largeBlockBytes)
        main(nil)
    }
}
