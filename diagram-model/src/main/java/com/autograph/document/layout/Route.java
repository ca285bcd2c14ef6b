package com.autograph.document.layout;

import java.util.List;

import com.autograph.document.Point;
import com.autograph.document.Routing;

/**
 * A connector's path from border to border, in canvas coordinates, and how to draw it.
 */
record Route(List<Point> points, Routing routing) {
}
