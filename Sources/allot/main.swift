import AllotApp

await AllotCommand.main()
