import Dispatch
import Foundation

/// One piece of work started on a thread of its own now and collected later with `wait()`: how
/// a build runs its analyses side by side and writes the case file's tables while it draws its
/// reports and pictures.
///
/// A dedicated thread, not Dispatch's global queue: that queue runs at most one thread per
/// core, so on two cores a third piece of work would wait for one of the others to finish, and
/// the pieces' own `concurrentPerform` calls would find no free worker.
///
/// `wait()` may be called more than once (a `defer` that waits on every way out, and the call
/// that takes the result); every call after the first returns the same result at once.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<Value, BuildError>?

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () throws(BuildError) -> Value) {
        group.enter()
        let thread = Thread { [self] in
            do throws(BuildError) { result = .success(try work()) } catch { result = .failure(error) }
            group.leave()
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Blocks until the work has finished, then returns its value or throws its error.
    @discardableResult
    func wait() throws(BuildError) -> Value {
        group.wait()
        guard let result else { preconditionFailure("the work finished without a result") }
        return try result.get()
    }
}
