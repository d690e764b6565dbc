import Foundation

/// A value worked out on a thread of its own from the moment it is made; reading it waits until it is.
/// For work a build can start early, while the core it would run on is idle, and needs later.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {  // `value` is written once, before `done` is left
    private var value: Value?
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        Thread { [self] in
            value = work()
            done.leave()
        }.start()
    }

    /// The value, once it is worked out.
    var result: Value {
        done.wait()
        return value!  // written before `done` was left
    }
}
