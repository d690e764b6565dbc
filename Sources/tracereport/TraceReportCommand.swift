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
              0  everything was read (check: and no failing finding)
              1  some inputs could not be read; the others were still reported (a database that
                 cannot be read: nothing is published, the previous site stays)
              2  usage error, or the templates or output folder cannot be used
              3  check: a finding of a --fail-on kind exists
            """,
        subcommands: [BuildCommand.self, RenderCommand.self, CheckCommand.self, RerunCommand.self],
        defaultSubcommand: nil
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ReportError {
            fail(error)
        } catch let error as TemplateError {
            fail(error)
        } catch let error as PublishError {
            fail(error)
        } catch let error as SpecError {
            fail(error)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// Prints one line naming the path and what to do, then exits 2 (1 when an input could not be read at all).
    static func fail(_ error: some LocalizedError) -> Never {
        FileHandle.standardError.write(Data("tracereport: error: \(error.errorDescription ?? "\(error)")\n".utf8))
        Foundation.exit((error as? ReportError)?.exitStatus ?? 2)
    }
}
