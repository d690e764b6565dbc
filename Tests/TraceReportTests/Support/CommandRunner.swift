import Foundation

/// Runs the built `tracereport` binary the way a user does and captures what it prints.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

func runTraceReport(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    for (key, value) in environment { env[key] = value }
    // Files, not pipes: a chatty command can never fill a pipe and stall the test.
    let capture = try TestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: capture) }
    let outPath = capture + "/stdout"
    let errPath = capture + "/stderr"
    let child = try ChildProcess(TestPaths.binary, arguments, environment: env, directory: directory, stdout: outPath, stderr: errPath)
    let status: Int32
    switch try child.wait() {
    case .exited(let code): status = code
    case .signaled(let signal): status = 128 + signal
    }
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return CommandResult(status: status, stdout: read(outPath), stderr: read(errPath))
}

