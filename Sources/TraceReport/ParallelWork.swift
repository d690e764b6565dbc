import Dispatch
import Foundation
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

    /// `first` and `second` side by side when `jobs` allows, else one after the other; throws `first`'s error,
    /// else `second`'s. For steps that touch disjoint parts of a build.
    static func both<A: Sendable, B: Sendable>(
        jobs: Int, _ first: @escaping @Sendable () throws -> A, _ second: @Sendable () throws -> B
    ) throws -> (A, B) {
        if jobs <= 1 { return (try first(), try second()) }
        let results = Mutex<(A?, B?)>((nil, nil))
        let failures = Mutex<[(any Error)?]>([nil, nil])
        // `first` on a thread of its own, outside the dispatch pool, and `second` on this one: not
        // `concurrentPerform`, in which work each side maps in parallel would be nested and run on one thread,
        // and not the pool, whose threads `second`'s own parallel maps need (and which, with fewer cores than
        // jobs, would start `first` only once a blocked thread was noticed).
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                let a = try first()
                results.withLock { $0.0 = a }
            } catch { failures.withLock { $0[0] = error } }
            done.signal()
        }
        thread.start()
        do {
            let b = try second()
            results.withLock { $0.1 = b }
        } catch { failures.withLock { $0[1] = error } }
        done.wait()
        if let error = failures.withLock({ $0[0] ?? $0[1] }) { throw error }
        return results.withLock { ($0.0!, $0.1!) }
    }
}
