import Dispatch
import Synchronization

/// Runs independent, CPU-bound work on `jobs` threads and keeps results in
/// input order, so a parallel build writes exactly what a sequential one does.
enum ParallelWork {
    /// `transform` applied to every item, `jobs` at a time; the first error thrown wins.
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ transform: @Sendable (T) throws -> R) throws -> [R] {
        if jobs <= 1 || items.count <= 1 { return try items.map(transform) }
        let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
        let failure = Mutex<(any Error)?>(nil)
        let workers = min(jobs, items.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < items.count {
                if failure.withLock({ $0 != nil }) { return }
                do {
                    let result = try transform(items[index])
                    results.withLock { $0[index] = result }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
                index += workers
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.map { $0! } }
    }
}
