import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What this process has used so far (`getrusage`), for the benchmarks' reports.
public enum ProcessUsage {
    /// Peak resident set size so far, in bytes (Linux reports kilobytes, macOS bytes).
    public static func peakResidentBytes() -> Int {
        let usage = current()
        #if os(Linux)
            return Int(usage.ru_maxrss) * 1024
        #else
            return Int(usage.ru_maxrss)
        #endif
    }

    /// User plus system CPU seconds so far.
    public static func cpuSeconds() -> Double {
        let usage = current()
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
            usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private static func current() -> rusage {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
