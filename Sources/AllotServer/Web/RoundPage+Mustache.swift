import Mustache

// The round page lists every proposal of a round (300 and more): the template engine would read each value of each
// row by reflection (`Mirror`, a pass over the row's fields per value). These lookups name the fields directly. A
// name the template uses must be here: `RoundPageTests` checks each row's values on the page.

extension RoundPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rank": rank
        case "id": id
        case "title": title
        case "href": href
        case "applicant": applicant
        case "asks": asks
        case "award": award
        case "score": score
        case "bar": bar
        case "value": value
        case "chance": chance
        case "nearLine": nearLine
        case "status": status
        case "statusClass": statusClass
        case "decision": decision as Any?
        default: nil
        }
    }
}

extension ScoreBar: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "segments": segments
        case "label": label
        default: nil
        }
    }
}

extension ScoreBar.Segment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "width": width
        case "colour": colour
        case "label": label
        default: nil
        }
    }
}
