import Crypto
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One piece of a window: whole records, and the file line the first starts on.
struct CSVPiece {
    let range: Range<Int>
    let firstLine: Int
}

/// Reads a CSV file's data rows window by window (with `read(2)`, so memory stays at about two windows however large
/// the file) and cuts each window into pieces of whole records for parallel decoding. The partial record at a
/// window's end is carried to the front of the next.
///
/// The next window can be read ahead (`readAhead`) into the other buffer while this one's pieces decode, instead of
/// at the start of each window with the decoding threads idle (24 reads of 32 MiB for a 777 MB file).
final class CSVWindowSource {
    let fileName: String
    private let fd: Int32
    private(set) var window: [UInt8]
    /// The buffer the window before this one was read into; the next window is read into it.
    private var spare: [UInt8] = []
    private var filled = 0
    private var atEOF = false
    /// The next window, read ahead into `spare`: its bytes, the range the digest has not seen, or the read's error.
    private var ahead: Result<(filled: Int, unhashed: Range<Int>), CSVError>?
    private var nextLine: Int
    private var windowBytes: Int
    private var hasher: SHA256?
    /// Bytes read in the last window that the digest has not seen yet.
    private var unhashed: Range<Int> = 0..<0

    /// Opens `path` at `offset` (where the data rows start, on file line `firstLine`). With `hashing`, the digest
    /// covers the whole file, the bytes before `offset` included.
    init(path: String, fileName: String, offset: Int, firstLine: Int, windowBytes: Int, hashing: Bool) throws {
        self.fileName = fileName
        self.windowBytes = max(windowBytes, 64)
        nextLine = firstLine
        fd = open(path, O_RDONLY)
        if fd < 0 {
            throw CSVError(file: fileName, line: 0, column: 0, message: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        window = [UInt8](repeating: 0, count: self.windowBytes)
        if hashing {
            var hasher = SHA256()
            var head = [UInt8](repeating: 0, count: offset)
            var done = 0
            while done < offset {
                let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, offset - done, off_t(done)) }
                if n <= 0 { throw readError() }
                done += n
            }
            head.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            self.hasher = hasher
        }
        if lseek(fd, off_t(offset), SEEK_SET) < 0 { throw readError() }
    }

    deinit { close(fd) }

    private func readError() -> CSVError {
        CSVError(file: fileName, line: nextLine, column: 0, message: "read failed: \(String(cString: strerror(errno)))")
    }

    /// Hashes the bytes read for the current window (run beside the pieces' decoding: it is sequential work).
    func hashNewBytes() {
        guard hasher != nil, !unhashed.isEmpty else { return }
        let range = unhashed
        window.withUnsafeBytes { hasher?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[range])) }
        unhashed = 0..<0
    }

    /// The SHA-256 of the whole file, once every window has been read and hashed.
    func digestHex() -> String? {
        hashNewBytes()
        return hasher?.finalize().map { hex($0) }.joined()
    }

    private func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// The pieces of the next window (about `pieces` of them, each of whole records), or nil at the end of the file.
    /// The window's bytes are `window` until the next call; the previous window's buffer is reused by the call after.
    func nextPieces(_ pieces: Int, threads: Int) throws -> [CSVPiece]? {
        hashNewBytes()
        if ahead == nil { readAhead() }
        guard let next = ahead else { return nil }
        ahead = nil
        let read = try next.get()
        swap(&window, &spare)
        filled = read.filled
        unhashed = read.unhashed
        lastEnd = nil
        while true {
            if filled == 0 { return nil }
            if let cut = split(into: max(pieces, 1), threads: threads) {
                lastEnd = cut.end
                nextLine = cut.nextLine
                return cut.pieces
            }
            // No record ends in the window: a record longer than it. Widen the window and read on.
            windowBytes *= 2
            window.append(contentsOf: repeatElement(0, count: windowBytes - window.count))
            let readFrom = filled
            filled = try fill(&window, from: filled)
            if readFrom < filled { unhashed = (unhashed.isEmpty ? readFrom : unhashed.lowerBound)..<filled }
        }
    }

    /// Reads the window after the one last cut into the other buffer: the partial record left after the last window's
    /// pieces first, then the file. Call it once the buffer's previous window is no longer needed (its pieces settled);
    /// `nextPieces` does it itself when no read is ahead. A read error is thrown by the `nextPieces` that needs it.
    func readAhead() {
        guard ahead == nil else { return }
        let rest = lastEnd.map { filled - $0 } ?? 0
        if spare.count < window.count { spare = [UInt8](repeating: 0, count: window.count) }
        if rest > 0, let last = lastEnd {
            window.withUnsafeBytes { from in
                spare.withUnsafeMutableBytes { to in _ = memcpy(to.baseAddress!, from.baseAddress! + last, rest) }
            }
        }
        do {
            let end = try fill(&spare, from: rest)
            ahead = .success((end, rest..<end))
        } catch let e as CSVError {
            ahead = .failure(e)
        } catch {
            ahead = .failure(readError())
        }
    }

    private var lastEnd: Int?

    /// Reads the file into `buffer` from `start` until it is full or the file ends; returns the bytes it then holds.
    private func fill(_ buffer: inout [UInt8], from start: Int) throws -> Int {
        var filled = start
        while filled < windowBytes && !atEOF {
            let want = windowBytes - filled
            let at = filled
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + at, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw readError()
            }
            if n == 0 { atEOF = true } else { filled += n }
        }
        return filled
    }

    /// Cuts `window[0..<filled]` into pieces: counts quotes and line feeds per stretch in parallel, then walks from
    /// each stretch's start to the first line feed outside quotes.
    private func split(into pieces: Int, threads: Int) -> (pieces: [CSVPiece], end: Int, nextLine: Int)? {
        let n = filled
        let stretches = min(pieces, max(1, n / 256))
        let starts = (0...stretches).map { $0 * n / stretches }
        var counts = [(quotes: Int, lineFeeds: Int)](repeating: (0, 0), count: stretches)
        window.withUnsafeBytes { raw in
            counts.withUnsafeMutableBufferPointer { out in
                ParallelWork.forEach(stretches, threads: threads) { i in
                    out[i] = RecordBoundaries.count(UnsafeRawBufferPointer(rebasing: raw[starts[i]..<starts[i + 1]]))
                }
            }
        }
        var quotesBefore = [0], lineFeedsBefore = [0]
        for c in counts {
            quotesBefore.append(quotesBefore.last! + c.quotes)
            lineFeedsBefore.append(lineFeedsBefore.last! + c.lineFeeds)
        }
        let firstLine = nextLine
        return window.withUnsafeBytes { raw -> (pieces: [CSVPiece], end: Int, nextLine: Int)? in
            let end: Int, lineFeedsToEnd: Int
            if atEOF {
                end = n
                lineFeedsToEnd = lineFeedsBefore[stretches]
            } else {
                guard let last = RecordBoundaries.lastBoundary(raw, end: n, oddQuotes: quotesBefore[stretches] & 1 == 1) else { return nil }
                end = last.offset
                lineFeedsToEnd = lineFeedsBefore[stretches] - last.lineFeedsAfter
            }
            var cuts = [(offset: 0, line: firstLine)]
            for i in 1..<stretches {
                guard let b = RecordBoundaries.firstBoundary(raw, from: starts[i], to: end, oddQuotes: quotesBefore[i] & 1 == 1),
                      b.offset > cuts.last!.offset, b.offset < end else { continue }
                cuts.append((b.offset, firstLine + lineFeedsBefore[i] + b.lineFeeds))
            }
            var result: [CSVPiece] = []
            for (i, cut) in cuts.enumerated() {
                let upper = i + 1 < cuts.count ? cuts[i + 1].offset : end
                if upper > cut.offset { result.append(CSVPiece(range: cut.offset..<upper, firstLine: cut.line)) }
            }
            return (result, end, firstLine + lineFeedsToEnd)
        }
    }
}

/// Runs `count` independent jobs on up to `threads` threads (in the calling thread when one), each thread taking the
/// next job not yet taken, so jobs of uneven length keep every thread busy until the last.
enum ParallelWork {
    static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        if threads <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        // The calling thread is one of the workers.
        let jobs = JobCounter()
        onThreads(min(threads, count) - 1, { _ in jobs.drain(count, body) }) { jobs.drain(count, body) }
    }

    /// Runs the `count` jobs on `threads` threads of their own, `body(job, worker)`, while the calling thread runs
    /// `alongside`; waits for all of them, then rethrows what `alongside` threw (the jobs may use the caller's buffers).
    /// A worker number (0..<threads) lets a job use that worker's own state. With one thread, `alongside` runs first and
    /// then the jobs, in the calling thread.
    static func forEach(_ count: Int, threads: Int, alongside: () throws -> Void, _ body: (_ job: Int, _ worker: Int) -> Void) throws {
        if threads <= 1 || count == 0 {
            try alongside()
            for i in 0..<count { body(i, 0) }
            return
        }
        let jobs = JobCounter()
        try onThreads(min(threads, count), { worker in jobs.drain(count) { body($0, worker) } }, whileWaiting: alongside)
    }

    /// Starts `workers` threads running `work(worker)`, runs `whileWaiting` on the calling thread, waits for every
    /// thread, then rethrows what `whileWaiting` threw.
    ///
    /// Threads of our own rather than DispatchQueue.concurrentPerform: called from the command's task (a thread of
    /// Swift's cooperative pool), concurrentPerform kept the second core idle for much of each window (52% CPU with two
    /// threads against 93% with one, on a 200,000-row file). A thread per worker and window costs microseconds. The
    /// jobs touch disjoint state (each its own slot of the caller's buffers); the caller waits for all.
    private static func onThreads(_ workers: Int, _ work: (Int) -> Void, whileWaiting: () throws -> Void) rethrows {
        try withoutActuallyEscaping(work) { work in
            // The threads get the work through a pointer, not a capture: a thread object can outlive this call, and
            // must not keep the non-escaping closure alive.
            let slot = UnsafeMutablePointer<(Int) -> Void>.allocate(capacity: 1)
            slot.initialize(to: work)
            defer {
                slot.deinitialize(count: 1)
                slot.deallocate()
            }
            let job = UncheckedSendable(slot)
            let done = DispatchSemaphore(value: 0)
            for worker in 0..<workers {
                let thread = Thread { job.value.pointee(worker); done.signal() }
                thread.stackSize = 8 << 20
                thread.start()
            }
            var failure: Error?
            do { try whileWaiting() } catch { failure = error }
            for _ in 0..<workers { done.wait() }
            if let failure { throw failure }
        }
    }
}

/// Hands out job numbers 0, 1, 2... to whichever worker asks first.
private final class JobCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    /// Runs `body` on job after job until `count` have been handed out.
    func drain(_ count: Int, _ body: (Int) -> Void) {
        while true {
            lock.lock()
            let i = next
            next += 1
            lock.unlock()
            guard i < count else { return }
            body(i)
        }
    }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
