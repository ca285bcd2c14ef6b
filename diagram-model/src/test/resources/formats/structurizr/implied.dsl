workspace {
    model {
        a = softwareSystem "Alpha" {
            -> b "Calls" "gRPC"
            this -> c
        }
        b = softwareSystem \
            "Beta"
        c = softwareSystem "Gamma" "The third" "Internal,Legacy"
        softwareSystem "Unnamed one"
        group "Edge" {
            softwareSystem "Gateway"
        }
    }
    views {
        systemLandscape "all" {
            include a \
                b c
        }
    }
}
