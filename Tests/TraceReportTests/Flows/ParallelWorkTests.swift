import Foundation
import Synchronization
import Testing

@testable import TraceReport

@Suite("Parallel work: results in input order, two sides at once, the first error thrown")
struct ParallelWorkTests {
    struct Failure: Error, Equatable { let side: String }

    @Test("map keeps input order whatever finishes first", arguments: [1, 2, 4])
    func mapOrder(jobs: Int) throws {
        let items = Array(0..<200)
        let out = try ParallelWork.map(items, jobs: jobs) { i -> Int in
            if i % 7 == 0 { usleep(200) }
            return i * i
        }
        #expect(out == items.map { $0 * $0 })
    }

    @Test("both returns each side's result; with two jobs the sides overlap, with one they take turns")
    func bothSides() throws {
        for jobs in [1, 2] {
            let running = Atomic<Int>(0)
            let overlapped = Atomic<Bool>(false)
            // Each side waits for the other to start (up to 5 s on a busy machine; 50 ms when they take turns).
            let patience = jobs > 1 ? 5_000 : 50
            let side = { @Sendable (value: String) -> String in
                if running.add(1, ordering: .sequentiallyConsistent).newValue == 2 {
                    overlapped.store(true, ordering: .sequentiallyConsistent)
                }
                for _ in 0..<patience where !overlapped.load(ordering: .sequentiallyConsistent) { usleep(1_000) }
                running.subtract(1, ordering: .sequentiallyConsistent)
                return value
            }
            let (a, b) = try ParallelWork.both(jobs: jobs, { side("first") }, { side("second") })
            #expect(a == "first" && b == "second")
            #expect(overlapped.load(ordering: .sequentiallyConsistent) == (jobs > 1))
        }
    }

    @Test("both throws the first side's error before the second's, and the second's when only it fails")
    func bothErrors() {
        for jobs in [1, 2] {
            #expect(throws: Failure(side: "first")) {
                try ParallelWork.both(
                    jobs: jobs, { () throws -> Int in throw Failure(side: "first") },
                    { () throws -> Int in throw Failure(side: "second") })
            }
            #expect(throws: Failure(side: "second")) {
                try ParallelWork.both(jobs: jobs, { 1 }, { () throws -> Int in throw Failure(side: "second") })
            }
        }
    }
}
