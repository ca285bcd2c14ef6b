package com.autograph.ai.offline;

import com.autograph.ai.icons.Icon;

/**
 * A part of the system a prompt names: its label, its icon and its role in the layout.
 */
record Part(String name, Icon icon, Role role) {

    String iconKey() {
        return icon == null ? null : icon.key();
    }

}
