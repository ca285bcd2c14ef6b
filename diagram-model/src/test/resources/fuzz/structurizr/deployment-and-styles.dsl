workspace "Shop" {
    !const TECH "Kotlin"
    model {
        shopper = person "Shopper"
        shop = softwareSystem "Shop" {
            api = container "API" "Orders" "${TECH}"
            db = container "DB" "" "PostgreSQL" "Database"
            api -> db "reads" "JDBC" {
                tags "Sync"
                url "https://example.org"
            }
        }
        shopper -> shop.api "buys"
        prod = deploymentEnvironment "Production" {
            deploymentNode "Cloud" {
                infrastructureNode "Load balancer" "" "nginx"
                softwareSystemInstance shop
                containerInstance api
            }
        }
    }
    views {
        container shop {
            include *
            autolayout tb 300 300
        }
        dynamic shop "checkout" {
            shopper -> api "places order"
        }
        styles {
            element "Database" {
                shape Cylinder
                border dashed
                opacity 80
            }
            relationship "Relationship" {
                routing Orthogonal
                style dotted
            }
        }
        theme default
    }
}
