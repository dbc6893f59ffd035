import ArgumentParser
import Foundation
import RingfindBench
import RingfindBuild
import RingfindSynthesis

/// `ringfind bench build`: the whole build on a generated world, stage by stage, with peak
/// memory and CPU time — the numbers the scale targets are stated in.
struct BuildBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Time a whole build of a generated world, stage by stage; report peak memory and CPU time.",
        discussion: """
            Generates the world of `ringfind generate --scale S --rings R --camouflage C --seed N` \
            into --work once (reused while it is complete), then builds it --repeat times into a \
            scratch folder and prints each stage's seconds, the total, the CPU time and the peak \
            resident memory of this process. Communities, centrality and rings run side by side, \
            so their seconds overlap. Build in release mode first (swift build -c release). \
            Benchmarks/build_bench.py compares the time with pyarrow's CSV parse of the same files \
            in the same run.
            """
    )

    @Option(help: WorldParameters.scaleHelp)
    var scale: String = "large"

    @Option(help: "Planted rings.")
    var rings: Int = 10

    @Option(help: "How hard rings hide: none, some or heavy.")
    var camouflage: Camouflage = .heavy

    @Option(help: "Seed of the generated world.")
    var seed: UInt64 = 1

    @Option(help: "Folder for the generated world and the build output.", completion: .directory)
    var work: String = NSTemporaryDirectory() + "/ringfind-bench-build"

    @Option(name: .customLong("repeat"), help: "How many builds to time.")
    var repeats: Int = 1

    @Flag(help: "Print one JSON object per build instead of the table.")
    var json = false

    func validate() throws {
        _ = try WorldParameters.scaleOption(scale)
        guard rings >= 0 else { throw ValidationError("--rings must be ≥ 0") }
        guard repeats > 0 else { throw ValidationError("--repeat must be positive") }
    }

    func run() throws {
        let size = try WorldParameters.scaleOption(scale)
        let world = work + "/world-\(scale)-\(rings)-\(camouflage.rawValue)-\(seed)"
        try CommandFailure.reporting("bench build") {
            try GeneratedInput.prepare(
                world, what: "\(scale) world", log: { FileHandleOutput.standardError($0 + "\n") }
            ) {
                let parameters = WorldParameters(
                    entities: size.entities, events: size.events, rings: rings, camouflage: camouflage, seed: seed)
                _ = try WorldGenerator(parameters).write(to: world)
            }
            let bytes = GeneratedInput.bytes(in: world + "/data")
            if !json { print(String(format: "world: %@ (%.0f MB of input)", world + "/data", Double(bytes) / 1e6)) }
            for run in 1...repeats {
                let cpuBefore = ProcessUsage.cpuSeconds()
                let options = BuildOptions(
                    inputFolder: world + "/data", outputFolder: work + "/output",
                    commandLine: ["ringfind", "bench", "build"])
                let result = try BuildPipeline.run(options)
                let cpu = ProcessUsage.cpuSeconds() - cpuBefore
                let peak = Double(ProcessUsage.peakResidentBytes()) / 1e9
                let stages = result.manifest.stageSeconds
                if json {
                    let parts = stages.map { String(format: "\"%@\": %.3f", $0.stage, $0.seconds) }.joined(
                        separator: ", ")
                    print(
                        String(
                            format:
                                "{\"run\": %d, \"input_bytes\": %d, \"stages\": {%@}, \"total_seconds\": %.3f, \"cpu_seconds\": %.3f, \"peak_rss_gb\": %.3f, \"rings\": %d}",
                            run, bytes, parts, result.manifest.totalSeconds, cpu, peak,
                            result.analysis.rings.rings.count))
                } else {
                    print("run \(run)")
                    for stage in stages {
                        print(
                            "  " + stage.stage.padding(toLength: 12, withPad: " ", startingAt: 0)
                                + String(format: "%8.2f s", stage.seconds))
                    }
                    print(
                        String(
                            format: "  %@%8.2f s   (CPU %.1f s, peak resident memory %.2f GB, %d rings)",
                            "total".padding(toLength: 12, withPad: " ", startingAt: 0), result.manifest.totalSeconds,
                            cpu, peak, result.analysis.rings.rings.count))
                }
            }
        }
    }
}
