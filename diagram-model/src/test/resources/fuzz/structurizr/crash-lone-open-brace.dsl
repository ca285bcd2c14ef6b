workspace {
    model {
        shop = softwareSystem "Shop"
 {
        }
    }
}
