import AllotApp

/// The `allot` executable: everything lives in AllotApp so tests can reach it.
@main
struct Allot {
    static func main() async {
        await AllotCommand.main()
    }
}
