import Foundation

/// Runs the built `tracereport` binary the way a user does and captures what it prints.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

func runTraceReport(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: TestPaths.binary)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "SOURCE_DATE_EPOCH")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    // Files, not pipes: a chatty command can never fill a pipe and stall the test.
    let capture = try TestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: capture) }
    let outPath = capture + "/stdout"
    let errPath = capture + "/stderr"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
    return CommandResult(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
}
