package dev.strata.viz

import dev.strata.graph.Graph
import dev.strata.graph.GraphNode
import dev.strata.layers.LayerException
import dev.strata.layers.ModelLayer
import dev.strata.model.Model
import java.awt.BasicStroke
import java.awt.Color
import java.awt.Graphics2D
import java.awt.geom.Path2D
import java.awt.geom.RoundRectangle2D
import java.nio.file.Path
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider
import org.eclipse.elk.alg.layered.options.LayeredOptions
import org.eclipse.elk.core.RecursiveGraphLayoutEngine
import org.eclipse.elk.core.data.LayoutMetaDataService
import org.eclipse.elk.core.math.ElkPadding
import org.eclipse.elk.core.options.CoreOptions
import org.eclipse.elk.core.options.Direction
import org.eclipse.elk.core.options.HierarchyHandling
import org.eclipse.elk.core.util.BasicProgressMonitor
import org.eclipse.elk.graph.ElkEdge
import org.eclipse.elk.graph.ElkNode
import org.eclipse.elk.graph.util.ElkGraphUtil

/**
 * Keras's `plot_model(show_shapes=True)`: one box per layer (name, type, output shape, parameters),
 * inputs and named outputs marked, edges from each layer to its consumers; a layer applied several
 * times (shared) is one box with several incoming edges. A nested model is drawn as a group box that
 * contains its own layers (expanded, like `plot_model(expand_nested=True)`). ELK's layered algorithm
 * places the boxes top to bottom without overlaps.
 */
internal class ModelDiagram(private val model: Model, private val showShapes: Boolean) {
    private class Box(val lines: List<String>, val kind: Kind, val elk: ElkNode)
    enum class Kind { INPUT, LAYER, OUTPUT, GROUP }

    private val boxes = ArrayList<Box>()
    private val edges = ArrayList<ElkEdge>()
    private val root: ElkNode = ElkGraphUtil.createGraph()

    init {
        registerElk
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID)
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN)
        root.setProperty(CoreOptions.HIERARCHY_HANDLING, HierarchyHandling.INCLUDE_CHILDREN)
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 24.0)
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 30.0)
        root.setProperty(CoreOptions.PADDING, ElkPadding(20.0))
        addGraph(model.graph(), root, model.outputNames().toSet(), topLevel = true)
        RecursiveGraphLayoutEngine().layout(root, BasicProgressMonitor())
    }

    /** Adds a graph's nodes into [parent]; returns the ELK node of each graph node (by id), for a nested model its group. */
    private fun addGraph(graph: Graph, parent: ElkNode, outputs: Set<String>, topLevel: Boolean): Map<Int, ElkNode> {
        val byLayer = HashMap<String, ElkNode>()
        val byId = HashMap<Int, ElkNode>()
        val outputOf = graph.outputs().entries.associate { it.value to it.key }
        for (n in graph.nodes()) {
            if (!n.isInput() && byLayer.containsKey(n.layer().name())) { // a shared layer: one box
                byId[n.id()] = byLayer.getValue(n.layer().name())
            } else {
                val nested = if (n.isInput()) null else ModelLayer.nestedIn(n.layer())
                val elk = if (nested != null) group(n, nested, parent) else box(n, parent, outputOf[n.id()], topLevel)
                byId[n.id()] = elk
                if (!n.isInput()) byLayer[n.layer().name()] = elk
            }
            for (i in n.inputs()) edges += ElkGraphUtil.createSimpleEdge(byId.getValue(i), byId.getValue(n.id()))
        }
        return byId
    }

    private fun box(n: GraphNode, parent: ElkNode, output: String?, topLevel: Boolean): ElkNode {
        val lines = ArrayList<String>()
        val kind: Kind
        if (n.isInput()) {
            kind = Kind.INPUT
            lines += n.inputName()
            lines += "InputLayer"
        } else {
            kind = if (output != null && topLevel) Kind.OUTPUT else Kind.LAYER
            lines += n.layer().name()
            lines += n.layer().typeName()
        }
        if (showShapes) lines += "output: " + LayerException.show(n.shape())
        if (!n.isInput()) lines += "params: " + "%,d".format(params(n.layer().name()))
        if (kind == Kind.OUTPUT && output != n.layer().name()) lines += "output \"$output\""
        val elk = ElkGraphUtil.createNode(parent)
        elk.width = (lines.maxOf { Drawing.textWidth(it, Drawing.BOLD) } + 24).toDouble()
        elk.height = (lines.size * LINE + 14).toDouble()
        boxes += Box(lines, kind, elk)
        return elk
    }

    private fun group(n: GraphNode, nested: ModelLayer, parent: ElkNode): ElkNode {
        val elk = ElkGraphUtil.createNode(parent)
        elk.setProperty(CoreOptions.PADDING, ElkPadding(36.0, 16.0, 16.0, 16.0))
        val lines = listOf(nested.name() + " (Model)" + if (showShapes) "  output: " + LayerException.show(n.shape()) else "")
        boxes += Box(lines, Kind.GROUP, elk)
        addGraph(nested.graph(), elk, emptySet(), topLevel = false)
        return elk
    }

    private fun params(layer: String): Long {
        val nested = ModelLayer.nestedIn(model.layerConfig(layer))
        if (nested != null) return nested.innerLayers().sumOf { params(it.name()) }
        return if (model.weights().has(layer)) model.weights().of(layer).values.sumOf { it.size() } else 0L
    }

    val width: Int get() = root.width.toInt() + 1
    val height: Int get() = root.height.toInt() + 1

    fun draw(g: Graphics2D) {
        // Groups first (behind), then edges, then boxes on top.
        for (b in boxes.filter { it.kind == Kind.GROUP }) {
            val (x, y) = absolute(b.elk)
            g.color = Color(0xF4, 0xF6, 0xFA)
            val r = RoundRectangle2D.Double(x, y, b.elk.width, b.elk.height, 14.0, 14.0)
            g.fill(r)
            g.color = Color(0x88, 0x99, 0xAA)
            g.stroke = BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, floatArrayOf(6f, 4f), 0f)
            g.draw(r)
            g.font = Drawing.BOLD
            g.color = Color(0x33, 0x44, 0x55)
            g.drawString(b.lines[0], (x + 12).toFloat(), (y + 22).toFloat())
        }
        g.stroke = BasicStroke(1.3f)
        g.color = Color(0x55, 0x55, 0x55)
        for (e in edges) drawEdge(g, e)
        for (b in boxes.filter { it.kind != Kind.GROUP }) drawBox(g, b)
    }

    private fun drawBox(g: Graphics2D, b: Box) {
        val (x, y) = absolute(b.elk)
        val fill = when (b.kind) {
            Kind.INPUT -> Color(0xDD, 0xEE, 0xFF)
            Kind.OUTPUT -> Color(0xFF, 0xE8, 0xCC)
            else -> Color(0xFF, 0xFF, 0xFF)
        }
        val r = RoundRectangle2D.Double(x, y, b.elk.width, b.elk.height, 10.0, 10.0)
        g.color = fill
        g.fill(r)
        g.color = if (b.kind == Kind.LAYER) Color(0x44, 0x44, 0x44) else Color(0x22, 0x55, 0x99)
        g.stroke = BasicStroke(if (b.kind == Kind.LAYER) 1.2f else 2.2f)
        g.draw(r)
        var ty = y + 7 + LINE - 4
        for ((i, line) in b.lines.withIndex()) {
            g.font = if (i == 0) Drawing.BOLD else Drawing.FONT
            g.color = if (i == 0) Color.BLACK else Color(0x44, 0x44, 0x44)
            Drawing.centred(g, line, x + b.elk.width / 2, ty)
            ty += LINE
        }
    }

    private fun drawEdge(g: Graphics2D, e: ElkEdge) {
        val container = e.containingNode
        val (ox, oy) = if (container == null || container == root) 0.0 to 0.0 else absolute(container)
        for (s in e.sections) {
            val p = Path2D.Double()
            p.moveTo(ox + s.startX, oy + s.startY)
            for (b in s.bendPoints) p.lineTo(ox + b.x, oy + b.y)
            p.lineTo(ox + s.endX, oy + s.endY)
            g.draw(p)
            val last = s.bendPoints.lastOrNull()
            val fx = ox + (last?.x ?: s.startX)
            val fy = oy + (last?.y ?: s.startY)
            arrowHead(g, fx, fy, ox + s.endX, oy + s.endY)
        }
    }

    private fun arrowHead(g: Graphics2D, fx: Double, fy: Double, tx: Double, ty: Double) {
        val a = Math.atan2(ty - fy, tx - fx)
        val head = Path2D.Double()
        head.moveTo(tx, ty)
        head.lineTo(tx - 8 * Math.cos(a - 0.4), ty - 8 * Math.sin(a - 0.4))
        head.lineTo(tx - 8 * Math.cos(a + 0.4), ty - 8 * Math.sin(a + 0.4))
        head.closePath()
        g.fill(head)
    }

    private fun absolute(n: ElkNode): Pair<Double, Double> {
        var x = n.x
        var y = n.y
        var p = n.parent
        while (p != null && p != root) { x += p.x; y += p.y; p = p.parent }
        return x to y
    }

    fun save(path: Path) = Drawing.save(path, width, height, ::draw)

    fun svg(): String = Drawing.svg(width, height, ::draw)

    companion object {
        private const val LINE = 16
        private val registerElk: Unit by lazy {
            LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(LayeredMetaDataProvider())
        }
    }
}
