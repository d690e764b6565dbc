import Dispatch
import Synchronization

/// Runs independent, CPU-bound work on `jobs` threads and keeps results in
/// input order, so a parallel build writes exactly what a sequential one does.
enum ParallelWork {
    /// `transform` applied to every item, `jobs` at a time; the first error thrown wins.
    /// Workers take the next item as they finish one, so a large trace does not leave the other cores idle.
    static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ transform: @Sendable (T) throws -> R) throws
        -> [R]
    {
        if jobs <= 1 || items.count <= 1 { return try items.map(transform) }
        let results = Mutex<[R?]>(Array(repeating: nil, count: items.count))
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count, failure.withLock({ $0 == nil }) else { return }
                do {
                    let result = try transform(items[index])
                    results.withLock { $0[index] = result }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.map { $0! } }
    }
}
