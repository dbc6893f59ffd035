import Dispatch
import Foundation
import RingfindBuild

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP during a build: remove the build's staging folder (after letting a
/// publish in progress finish, so the output folder holds a whole case) and end with status
/// 128 + the signal's number, as a shell reports a killed process.
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func removeStagingOnInterrupt() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                ActiveStaging.removeAllForExit()
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
