import Dispatch

/// One piece of work started on another thread now and collected later with `wait()`: how a
/// build writes the case file's tables while it draws its reports and pictures.
///
/// `wait()` may be called more than once (a `defer` that waits on every way out, and the call
/// that takes the result); every call after the first returns the same result at once.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<Value, BuildError>?

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () throws(BuildError) -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            do throws(BuildError) { result = .success(try work()) } catch { result = .failure(error) }
            group.leave()
        }
    }

    /// Blocks until the work has finished, then returns its value or throws its error.
    @discardableResult
    func wait() throws(BuildError) -> Value {
        group.wait()
        guard let result else { preconditionFailure("the work finished without a result") }
        return try result.get()
    }
}
