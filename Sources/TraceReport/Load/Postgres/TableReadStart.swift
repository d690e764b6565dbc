import NIOConcurrencyHelpers

/// A read of the trace table begun before the build needs its rows (`DatabaseSource.startRead`): connected,
/// in its read-only transaction, the table's columns looked up and, when the selection can resume, the rows
/// before the last build's cutoff counted. A build that resumed from its watermark did these one after
/// another, after looking for golden tables and reading its manifest: 90 of the 350 ms a build of 50 new
/// rows over 30,000 took. Begun first, the server counts while the build does the rest.
///
/// The read takes it (`TraceTableReader.read`) and ends its transaction; one nobody takes ends it when it
/// goes (a build that reads otherwise, or fails first).
public final class TableReadStart: @unchecked Sendable {  // the session is used by the one read that takes it
    /// The session, or why it could not begin: said when the read takes it, where a read begun then would.
    let outcome: Result<TraceTableReader.Opened, DatabaseError>
    /// The rows counted before `cutoff` (the last build's, nil when none was known), and where the next build
    /// can resume; nil when the selection cannot resume.
    let checked: (cutoff: String?, watermarks: TraceTableReader.Watermarks)?
    private let taken = NIOLockedValueBox(false)

    init(_ outcome: Result<TraceTableReader.Opened, DatabaseError>, checked: (String?, TraceTableReader.Watermarks)?) {
        self.outcome = outcome
        self.checked = checked.map { (cutoff: $0.0, watermarks: $0.1) }
    }

    /// The session, for the read that takes it; throws why it could not begin. Taken once.
    func take() throws(DatabaseError) -> TraceTableReader.Opened? {
        guard claim() else { return nil }
        return try outcome.get()
    }

    /// Marks the session taken; whether it was still free.
    private func claim() -> Bool {
        taken.withLockedValue { t in
            defer { t = true }
            return !t
        }
    }

    deinit { close() }

    /// Ends the transaction and the connection, unless the read took them.
    public func close() {
        guard claim(), case .success(let opened) = outcome else { return }
        opened.session.close()
    }
}
