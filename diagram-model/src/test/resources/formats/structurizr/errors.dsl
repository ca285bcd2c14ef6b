workspace {
    model {
        user = person "User"
        shop = softwareSytem "Shop"
        app = softwareSystem "App" {
            web = container "Web" "" "Java" "" "extra"
            component "Loose"
        }
        user -> ap "Uses"
        !include other.dsl
        user -> app "Visits
    }
    views {
        systemContext user {
            include *
            autolayot lr
        }
    }
}
}
