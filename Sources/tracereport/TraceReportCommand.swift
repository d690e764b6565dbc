import ArgumentParser
import Foundation
import TraceReport

/// The `tracereport` command: parses arguments, runs a subcommand, maps the outcome to an exit code.
@main
struct TraceReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracereport",
        abstract: "Reports which assets each stage of an LLM pipeline trace applied, and whether any are missing.",
        discussion: """
            Exit codes:
              0    everything was read (check: and no failing finding)
              1    some inputs could not be read; the others were still reported (a database that
                   cannot be read: nothing is published, the previous site stays)
              2    usage error, or the templates or output folder cannot be used
              3    check: a finding of a --fail-on kind exists
              130  interrupted (SIGINT); 143: terminated (SIGTERM). The previous site stays.
            """,
        subcommands: [BuildCommand.self, RenderCommand.self, CheckCommand.self, RerunCommand.self],
        defaultSubcommand: nil
    )

    static func main() async {
        Interruption.install()
        let status = await run(Array(CommandLine.arguments.dropFirst()))
        Console.flush()
        Interruption.exit(status)
    }

    /// Parses `arguments`, runs the subcommand and returns its exit status. Every failure of a
    /// subcommand arrives as one `ReportError` that carries its own status: nothing is cast here.
    static func run(_ arguments: [String]) async -> Int32 {
        let parsed: any ParsableCommand
        do { parsed = try parseAsRoot(arguments) } catch { return usage(error, arguments: arguments) }
        guard var command = parsed as? any ReportCommand else {
            // `tracereport` alone: the help, on standard output.
            guard !(parsed is TraceReportCommand) else {
                print(helpMessage())
                return 0
            }
            // `--help` or `help` after a subcommand parses as the parser's help command, whose run
            // throws the request for that subcommand's help.
            var request = parsed
            do { try request.run() } catch { return usage(error, arguments: arguments) }
            return 0
        }
        do throws(ReportError) {
            return try await command.execute()
        } catch {
            // An interrupted build fails because its staging folder was removed: the signal's line says why.
            if !Interruption.isInterrupted {
                Console.error("tracereport: error: \(error.step.rawValue): \(error.errorDescription ?? error.reason)")
            }
            return error.exitStatus
        }
    }

    /// Help (`--help`, exit 0) on standard output; a usage error as one line on standard error, exit 2.
    private static func usage(_ error: any Error, arguments: [String]) -> Int32 {
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            return 0
        }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        let command = (["tracereport"] + (arguments.first(where: names.contains).map { [$0] } ?? [])).joined(
            separator: " ")
        let message = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        Console.error("tracereport: error: \(message) (see \(command) --help)")
        return code == .validationFailure ? 2 : code.rawValue
    }
}

/// A subcommand as `main` runs it: it returns its exit status, or throws the one error a user sees.
protocol ReportCommand: ParsableCommand {
    /// Does the work; 0, 1 (some input unreadable) or 3 (check failed) when it finishes.
    mutating func execute() async throws(ReportError) -> Int32
}
