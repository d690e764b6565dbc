import Foundation

/// Runs the built `tracereport` binary the way a user does and captures what it prints.
struct CommandResult {
    /// The exit status, or 128 + the signal that killed the process.
    let status: Int32
    let stdout: String
    let stderr: String
    /// The signal that killed the process, nil when it exited.
    var signal: Int32? = nil
}

func runTraceReport(
    _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
    binary: String = TestPaths.binary
) throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    // Builds show their time; a fixed one keeps two runs' sites comparable. "" leaves the build's own clock.
    env["SOURCE_DATE_EPOCH"] = TestPaths.fixedEpoch
    // Groups of a few traces (512 by default), so that small inputs take unchanged groups over.
    env["TRACEREPORT_UNIT_GROUP_SIZE"] = env["TRACEREPORT_UNIT_GROUP_SIZE"] ?? "3"
    for (key, value) in environment { env[key] = value }
    // Files, not pipes: a chatty command can never fill a pipe and stall the test.
    let capture = try TestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: capture) }
    let outPath = capture + "/stdout"
    let errPath = capture + "/stderr"
    let child = try ChildProcess(
        binary, arguments, environment: env, directory: directory, stdout: outPath, stderr: errPath)
    let status: Int32
    var signal: Int32?
    switch try child.wait() {
    case .exited(let code): status = code
    case .signaled(let number):
        status = 128 + number
        signal = number
    }
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
    return CommandResult(status: status, stdout: read(outPath), stderr: read(errPath), signal: signal)
}
