import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A process the tests start with `posix_spawn` and wait for with `waitpid`, with a deadline.
///
/// Foundation's `Process.waitUntilExit()` spins a run loop and relies on Foundation delivering the
/// child's end to it; with many tests spawning at once it was seen to wait for ever on a process that
/// had already exited (CI stopped after 90 minutes with every test passed but one never returning).
/// Here the wait is `waitpid` on this one child, and a child still running at its deadline is killed
/// and reported, so a stuck command fails its test by name instead of stalling the whole run.
/// Standard input, output and error are files (or /dev/null), never pipes that could fill up.
final class ChildProcess {
    /// How a child ended.
    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)

        var description: String {
            switch self {
            case .exited(let code): "exited with status \(code)"
            case .signaled(let signal): "killed by signal \(signal)"
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The longest any one command of the tests may run before it is killed and its test fails.
    static let defaultTimeout: Double = 600

    let pid: pid_t
    let commandLine: String
    private var ended: Termination?

    /// Starts `executable` with `arguments`; `nil` paths mean /dev/null. Output files are created or truncated.
    init(
        _ executable: String, _ arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String? = nil, stdin: String? = nil, stdout: String? = nil, stderr: String? = nil
    ) throws {
        commandLine = ([executable] + arguments).map { $0.count > 80 ? String($0.prefix(77)) + "..." : $0 }.joined(
            separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Nothing else the test process holds open reaches the child.
        _ = Self.addCloseFrom(&actions, 3)
        if let directory {
            let status = Self.addChdir(&actions, directory)
            guard status == 0 else {
                throw Failure(
                    description: "cannot run \(commandLine) in \(directory): \(String(cString: strerror(status)))")
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A child starts with no blocked signals and default handlers, whatever the test runner set.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw Failure(description: "cannot start \(commandLine): \(String(cString: strerror(status)))")
        }
        self.pid = pid
    }

    /// Sends `signal` to the child (nothing once it has been waited for).
    func send(_ signal: Int32) {
        if ended == nil { _ = kill(pid, signal) }
    }

    /// Waits for the child to end; past `timeout` seconds it is killed and the wait throws.
    @discardableResult
    func wait(timeout: Double = ChildProcess.defaultTimeout) throws -> Termination {
        if let ended { return ended }
        let deadline = Date().addingTimeInterval(timeout)
        var pause: UInt32 = 1_000
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let termination = Self.termination(status)
                ended = termination
                return termination
            }
            if result == -1 && errno != EINTR {
                throw Failure(description: "waitpid for \(commandLine): \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                _ = kill(pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                ended = Self.termination(status)
                throw Failure(description: "\(commandLine) was still running after \(Int(timeout)) s and was killed")
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    // glibc's posix_spawn_file_actions_addchdir_np and _addclosefrom_np (2.29, 2.34) are declared only
    // under _GNU_SOURCE, which Swift's Glibc module does not see: looked up by name instead.
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addChdir: AddChdir = unsafeBitCast(
        symbol("posix_spawn_file_actions_addchdir_np"), to: AddChdir.self)
    private static let addCloseFrom: AddCloseFrom = unsafeBitCast(
        symbol("posix_spawn_file_actions_addclosefrom_np"), to: AddCloseFrom.self)

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        guard let pointer = dlsym(dlopen(nil, RTLD_NOW), name) else {
            fatalError("glibc has no \(name): the tests need glibc 2.34 or later")
        }
        return pointer
    }

    private static func termination(_ status: Int32) -> Termination {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    deinit {
        // A test that threw before waiting leaves no process behind.
        if ended == nil {
            _ = kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
    }
}
