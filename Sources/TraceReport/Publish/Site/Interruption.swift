import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What an interrupted run (SIGINT, SIGTERM) leaves behind: nothing of its own. Temporary
/// folders and files register here while they exist; on a signal they are moved aside and
/// removed, and the process exits 128 + the signal's number (130, 143). The published site is
/// never among them, so the previous site stays.
public enum Interruption {
    /// A registered path, to unregister once it is gone or published.
    public struct Token: Sendable, Hashable {
        fileprivate let id: Int
    }

    private struct State {
        var next = 0
        var paths: [Int: String] = [:]
        var signalled: Int32?
    }

    private static let state = Mutex(State())
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Handles SIGINT and SIGTERM for the rest of the process. Call once, first thing in `main`.
    public static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global(qos: .userInitiated))
            source.setEventHandler { stop(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal arrived: work that would create files stops instead.
    public static var isInterrupted: Bool { state.withLock { $0.signalled != nil } }

    /// Keeps `path` (a temporary file or folder) to remove if the run is interrupted.
    public static func register(_ path: String) -> Token {
        state.withLock { state in
            state.next += 1
            state.paths[state.next] = path
            return Token(id: state.next)
        }
    }

    /// Forgets a path: it was removed, or it became the published site.
    public static func unregister(_ token: Token) {
        _ = state.withLock { $0.paths.removeValue(forKey: token.id) }
    }

    /// Ends the process with `status`; once a signal has arrived, leaves the ending to its handler,
    /// which is removing temporary files and exits 128 + the signal (work failing because its
    /// folder vanished must not end the process first, with another status). Everything is written by
    /// then (files unbuffered, standard output flushed here), so the libraries' exit handlers are not
    /// run: they took 16 ms of CPU and 7 ms of a build that changed one trace (of 10,000) to tear down
    /// what the process was about to lose anyway.
    public static func exit(_ status: Int32) -> Never {
        while isInterrupted { sleep(1) }
        fflush(nil)
        _exit(status)
    }

    /// Removes what is registered and ends the process with 128 + `signalNumber`.
    static func stop(_ signalNumber: Int32) {
        let paths = state.withLock { state -> [String] in
            state.signalled = signalNumber
            return state.paths.sorted { $0.key < $1.key }.map(\.value)
        }
        for path in paths { removeForGood(path) }
        let message =
            "tracereport: \(signalNumber == SIGINT ? "interrupted" : "terminated"): nothing was published; the previous site stays\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        _exit(128 + signalNumber)
    }

    /// Renames `path` aside first, so that workers still writing cannot create anything under it
    /// again, then removes it (a few times: a worker may have been creating a file inside it).
    static func removeForGood(_ path: String) {
        let aside = path + ".interrupted-\(getpid())"
        let target = rename(path, aside) == 0 ? aside : path
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: target)
            if access(target, F_OK) != 0 { return }
        }
    }
}
