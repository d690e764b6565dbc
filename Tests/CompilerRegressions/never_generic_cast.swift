// A miscompile in Swift 6.3.1 at -O (SIL Mem2Reg), reduced from tracereport's old `fail(_:)`.
//
// A generic parameter passed @in_guaranteed is specialised to a loadable struct: the value is
// `store_borrow`ed into a stack slot. In a function that returns `Never`, every block ends in
// `unreachable`; Mem2Reg then replaces the load of that slot with `undef`. The `as?` below reads
// garbage: the exit status is a random value, or swift_dynamicCast releases a garbage pointer (SIGSEGV).
// The debug build (-Onone) exits 1 as written.
//
//   swiftc -O never_generic_cast.swift -o r && ./r generic; echo $?   # want 1: garbage or 139
//   swiftc -O never_generic_cast.swift -o r && ./r typed; echo $?     # 1: the shape tracereport uses
#if canImport(Glibc)
    import Glibc
#endif

struct Failure {
    var message: String
    var status: Int32
}

/// The shape that miscompiles: generic, `-> Never`, a branch, then a cast of the generic value.
func fail<E>(_ error: E, _ text: (E) -> String?) -> Never {
    puts(text(error) ?? "")
    exit((error as? Failure)?.status ?? 2)
}

/// tracereport's shape: one concrete error type that carries its status; the caller exits.
func status(of error: Failure) -> Int32 {
    puts(error.message)
    return error.status
}

let failure = Failure(message: String(repeating: "m", count: 32), status: 1)
if CommandLine.arguments.dropFirst().first == "generic" {
    fail(failure, { $0.message })
}
exit(status(of: failure))
