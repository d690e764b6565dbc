import Foundation
import Subprocess
import SystemPackage

/// Re-runs recorded traces through the user's own system: for each trace,
/// `/bin/sh -c CMD` with the trace given only through the environment
/// (`TRACE_ID`, `TRACE_QUESTION`, `TRACE_FILE`), never pasted into the
/// command line; the command prints the new trace's JSON on standard output.
public struct CommandRerunner: Sendable {
    /// What happened to one input trace.
    public enum Outcome: Sendable {
        /// The new trace, `parent_trace_id` set to the input's id when the command left it out.
        case trace(JSONValue)
        /// Why there is no new trace: exit status, timeout or invalid output, with the tail of standard error.
        case failed(String)
    }

    /// The shell command.
    public let command: String
    /// How long one run may take.
    public let timeout: Duration
    /// How many commands run at once.
    public let jobs: Int

    /// Creates a rerunner.
    public init(command: String, timeout: Duration, jobs: Int) {
        self.command = command
        self.timeout = timeout
        self.jobs = max(1, jobs)
    }

    /// One run of the command: its environment, the JSON `TRACE_FILE` holds (none: no `TRACE_FILE`), and
    /// the fields the printed trace gets when it lacks them (`parent_trace_id`, `golden_query_id`).
    public struct Job: Sendable {
        public var environment: [String: String]
        public var traceFile: JSONValue?
        public var defaults: [String: JSONValue]

        /// Creates a job.
        public init(environment: [String: String], traceFile: JSONValue? = nil, defaults: [String: JSONValue] = [:]) {
            self.environment = environment
            self.traceFile = traceFile
            self.defaults = defaults
        }

        /// Re-running a recorded trace: `TRACE_ID`, `TRACE_QUESTION`, `TRACE_FILE`; the new trace's parent is it.
        public init(rerunning loaded: LoadedTrace) {
            self.init(
                environment: ["TRACE_ID": loaded.trace.traceID, "TRACE_QUESTION": loaded.trace.question ?? ""],
                traceFile: loaded.raw ?? .object(["trace_id": .string(loaded.trace.traceID)]),
                defaults: ["parent_trace_id": .string(loaded.trace.traceID)])
        }

        /// Asking a golden query: `TRACE_QUESTION`, `GOLDEN_QUERY_ID`, `GOLDEN_QUERY_NAME`; the new trace
        /// names the query (`golden_query_id`), so `build --golden` judges it against the query's baseline.
        public init(asking query: GoldenTables.Query) {
            self.init(
                environment: [
                    "TRACE_QUESTION": query.queryText, "GOLDEN_QUERY_ID": query.id, "GOLDEN_QUERY_NAME": query.name,
                ], defaults: ["golden_query_id": .string(query.id)])
        }
    }

    /// Runs the command once per job, `jobs` at a time, and hands each outcome to `each` in input order
    /// as soon as it and those before it are done (a bounded wait: at most `jobs` runs ahead), so the
    /// caller writes traces as they come instead of holding them all. `each` returns false to stop:
    /// no new run starts and the running ones are stopped.
    /// The work folders go in `TMPDIR`, which must exist (it is never created).
    public func run(jobs work: [Job], each: (Int, Outcome) -> Bool) async throws(PublishError) {
        let temporary = FileManager.default.temporaryDirectory.path
        let scratch = (temporary as NSString).appendingPathComponent("tracereport-rerun-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false) } catch {
            let variable = ProcessInfo.processInfo.environment["TMPDIR"].map { "TMPDIR=\($0)" }
            throw PublishError(
                path: variable ?? temporary,
                reason:
                    "cannot create the command's work folder there: \(SiteWriter.why(error)); set TMPDIR to an existing folder you can write to"
            )
        }
        let interruption = Interruption.register(scratch)
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            Interruption.unregister(interruption)
        }
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func startNext() {
                guard next < work.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await self.run(work[index], workFolder: "\(scratch)/\(index)")) }
            }
            for _ in 0..<min(jobs, work.count) { startNext() }
            var finished: [Int: Outcome] = [:]
            var handed = 0
            var stopped = false
            for await (index, outcome) in group {
                finished[index] = outcome
                while let ready = finished.removeValue(forKey: handed) {
                    if !stopped && !each(handed, ready) {
                        stopped = true
                        group.cancelAll()
                    }
                    handed += 1
                }
                if !stopped { startNext() }
            }
        }
    }

    /// One run of the command.
    func run(_ job: Job, workFolder: String) async -> Outcome {
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: workFolder, withIntermediateDirectories: true) } catch {
            return .failed("cannot create a work folder: \(error.localizedDescription)")
        }
        let traceFile = workFolder + "/trace.json"
        let outFile = workFolder + "/stdout"
        let errFile = workFolder + "/stderr"
        var environment = job.environment
        if let json = job.traceFile {
            do {
                try Data((json.prettyJSON + "\n").utf8).write(to: URL(fileURLWithPath: traceFile))
            } catch {
                return .failed("cannot write TRACE_FILE: \(error.localizedDescription)")
            }
            environment["TRACE_FILE"] = traceFile
        }
        let status: TerminationStatus?
        do {
            status = try await runCommand(environment: environment, stdout: outFile, stderr: errFile)
        } catch {
            return .failed("could not start /bin/sh: \(error)")
        }
        let stderrTail = Self.tail(of: errFile)
        guard let status else {
            return .failed("timed out after \(timeout.secondsText) s and was stopped" + stderrTail)
        }
        switch status {
        case .exited(0): break
        case .exited(let code): return .failed("the command exited with status \(code)" + stderrTail)
        case .signaled(let signal): return .failed("the command was killed by signal \(signal)" + stderrTail)
        }
        guard let data = fm.contents(atPath: outFile) else { return .failed("cannot read the command's output") }
        var value: JSONValue
        do {
            value = try JSONDocumentParser.parse(data)
            _ = try TraceDecoder.decode(value)
        } catch {
            return .failed(
                "the command printed no valid trace on standard output: \(error.path == .root ? "" : "\(error.path): ")\(error.reason)"
                    + stderrTail)
        }
        if case .object(var fields) = value {
            for (key, fallback) in job.defaults where fields[key] == nil || fields[key] == .null {
                fields[key] = fallback
            }
            value = .object(fields)
        }
        return .trace(value)
    }

    /// Runs `/bin/sh -c command` in a session of its own; nil when it timed out
    /// (the whole process group is then stopped: SIGTERM, then SIGKILL).
    private func runCommand(environment: [String: String], stdout: String, stderr: String) async throws
        -> TerminationStatus?
    {
        let command = self.command
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
            group.addTask {
                let out = try FileDescriptor.open(
                    FilePath(stdout), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
                let err = try FileDescriptor.open(
                    FilePath(stderr), .writeOnly, options: [.create, .truncate], permissions: .ownerReadWrite)
                var options = PlatformOptions()
                options.createSession = true
                options.teardownSequence = [
                    .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .milliseconds(500))
                ]
                var updates: [Environment.Key: String?] = [:]
                for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
                let env = Environment.inherit.updating(updates)
                let result = try await Subprocess.run(
                    .path("/bin/sh"), arguments: ["-c", command], environment: env, platformOptions: options,
                    input: .none,
                    output: .fileDescriptor(out, closeAfterSpawningProcess: true),
                    error: .fileDescriptor(err, closeAfterSpawningProcess: true))
                return result.terminationStatus
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            if first == nil {
                // Timed out: wait for the teardown of the cancelled run to finish.
                while (try? await group.next()) != nil {}
            }
            return first
        }
    }

    /// The last lines of standard error, prefixed for a message; empty when there was none.
    static func tail(of path: String, lines: Int = 5, characters: Int = 600) -> String {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return "" }
        let text = String(decoding: data.suffix(characters * 4), as: UTF8.self)
        let last = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).joined(separator: " | ")
        return "; stderr: " + String(last.suffix(characters))
    }
}
