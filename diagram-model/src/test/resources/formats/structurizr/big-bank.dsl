/*
 * The C4 model's example: an internet banking system, as in Structurizr's own samples.
 */
workspace "Big Bank plc" "An internet banking system, in the C4 model." {

    !identifiers hierarchical

    model {
        customer = person "Personal Banking Customer" "A customer of the bank, with personal bank accounts." "Customer"

        group "Big Bank plc" {
            supportStaff = person "Customer Service Staff" "Customer service staff within the bank." "Bank Staff"
            mainframe = softwareSystem "Mainframe Banking System" "Stores all of the core banking information." "Existing System"
            email = softwareSystem "E-mail System" "The internal Microsoft Exchange e-mail system." "Existing System"

            internetBanking = softwareSystem "Internet Banking System" "Allows customers to view their accounts and make payments." {
                webApp = container "Web Application" "Delivers the static content and the single page application." "Java and Spring MVC"
                spa = container "Single-Page Application" "Provides all of the functionality via the browser." "JavaScript and Angular" "Web Browser"
                api = container "API Application" "Provides functionality via a JSON/HTTPS API." "Java and Spring MVC" {
                    signin = component "Sign In Controller" "Allows users to sign in." "Spring MVC Rest Controller"
                    accounts = component "Accounts Summary Controller" "Provides customers with a summary of their accounts." "Spring MVC Rest Controller"
                    security = component "Security Component" "Provides functionality related to signing in." "Spring Bean"
                    signin -> security "Uses"
                    accounts -> mainframe "Makes API calls to" "XML/HTTPS"
                }
                database = container "Database" "Stores user registration information, hashed credentials, access logs, etc." "Oracle Database Schema" {
                    tags "Database"
                }

                webApp -> spa "Delivers to the customer's web browser"
                spa -> api.signin "Makes API calls to" "JSON/HTTPS"
                api.security -> database "Reads from and writes to" "SQL/TCP"
            }
        }

        # relationships between people and software systems
        customer -> internetBanking "Views account balances, and makes payments using"
        internetBanking -> mainframe "Gets account information from, and makes payments using"
        email -> customer "Sends e-mails to" {
            tags "Async"
        }
        customer -> supportStaff "Asks questions to" "Telephone"

        live = deploymentEnvironment "Live" {
            deploymentNode "Big Bank plc" "" "Big Bank plc data center" {
                dc = deploymentNode "bigbank-api***" "" "Ubuntu 16.04 LTS" "" 8 {
                    apiInstance = containerInstance internetBanking.api
                }
            }
        }
    }

    views {
        systemContext internetBanking "SystemContext" {
            include *
            autoLayout
        }

        container internetBanking "Containers" {
            include *
            autolayout lr
        }

        component internetBanking.api "Components" {
            include *
            autoLayout
        }

        deployment internetBanking "Live" "LiveDeployment" {
            include *
        }

        styles {
            element "Person" {
                color #ffffff
                fontSize 22
                shape Person
                background #08427b
            }
            element "Software System" {
                background #1168bd
                color #ffffff
            }
            element "Existing System" {
                background #999999
            }
            element "Container" {
                background #438dd5
                color #ffffff
            }
            element "Database" {
                shape Cylinder
            }
            element "Component" {
                background #85bbf0
                color #000000
                shape RoundedBox
            }
            relationship "Async" {
                dashed true
                thickness 3
            }
        }
    }

    configuration {
        scope softwaresystem
    }

}
