package dev.strata.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.activations.Activation;
import dev.strata.layers.Add;
import dev.strata.layers.Dense;
import dev.strata.layers.LayerException;
import dev.strata.model.Model;
import dev.strata.model.ModelBuilder;
import dev.strata.model.TensorRef;
import dev.strata.ops.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong graph fails when it is built, with a message naming the layer and the shapes. */
class GraphErrorsTest {
    @Test void shapeMismatchNamesLayerAndBothShapes() {
        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        TensorRef h = b.apply(Dense.of("wide", 4, Activation.RELU), a);
        var e = assertThrows(LayerException.class, () -> b.apply(new Add("sum"), a, h));
        assertEquals("layer 'sum' (Add): inputs must have the same shape, got [(None, 3), (None, 4)]", e.getMessage());
        assertEquals("sum", e.layerName);
    }

    @Test void denseOnImagesNeedsFlatten() {
        ModelBuilder b = new ModelBuilder();
        TensorRef img = b.input("img", 28, 28);
        var e = assertThrows(LayerException.class, () -> b.apply(Dense.of("dense", 10, Activation.RELU), img));
        assertEquals("layer 'dense' (Dense): expected input of shape (None, features), got (None, 28, 28); "
                + "add a Flatten layer first, or wrap the layer in TimeDistributed for sequences", e.getMessage());
    }

    @Test void sharedLayerWithOtherShapes() {
        ModelBuilder b = new ModelBuilder();
        Dense shared = Dense.of("shared", 2, Activation.RELU);
        b.apply(shared, b.input("a", 3));
        TensorRef c = b.input("c", 4);
        var e = assertThrows(LayerException.class, () -> b.apply(shared, c));
        assertEquals("layer 'shared' (Dense): a shared layer must see the same input shapes each time: first [(None, 3)], now [(None, 4)]",
                e.getMessage());
    }

    @Test void duplicateNames() {
        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        b.apply(Dense.of("dense", 2, Activation.RELU), a);
        var e = assertThrows(GraphException.class, () -> b.apply(Dense.of("dense", 5, Activation.RELU), a));
        assertEquals("duplicate layer name 'dense': another Dense already has it; names must be unique in a model", e.getMessage());
        var f = assertThrows(GraphException.class, () -> b.output("y", a).output("y", a));
        assertEquals("duplicate output name 'y'", f.getMessage());
    }

    @Test void unusedInput() {
        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        b.input("unused", 2);
        b.output("y", b.apply(Dense.of("d", 1, Activation.LINEAR), a));
        var e = assertThrows(GraphException.class, b::build);
        assertEquals("input 'unused' does not reach any output (outputs: [y])", e.getMessage());
    }

    @Test void cycleOrForwardReference() {
        Dense d = Dense.of("d", 3, Activation.RELU);
        List<GraphNode> nodes = List.of(
                new GraphNode(0, "x", null, List.of(), new int[] {3}),
                new GraphNode(1, null, d, List.of(2), new int[] {3}),
                new GraphNode(2, null, Dense.of("e", 3, Activation.RELU), List.of(1), new int[] {3}));
        var e = assertThrows(GraphException.class, () -> new Graph(nodes, Map.of("y", 2)));
        assertEquals("layer 'd' reads node 2 ('e') that does not come before it: the graph has a cycle or an unknown reference", e.getMessage());
    }

    @Test void unknownLayerAndWrongInput() {
        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        b.output("y", b.apply(Dense.of("d", 1, Activation.LINEAR), a));
        Model m = b.build();
        var e = assertThrows(GraphException.class, () -> m.layer("nope"));
        assertEquals("unknown layer 'nope'; layers are [d]", e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.of(new float[4], 1, 4)));
        assertEquals("input 'a': expected shape (None, 3), got (1, 4)", f.getMessage());
        var g = assertThrows(IllegalStateException.class, () -> m.fit(Tensor.of(new float[3], 1, 3), Tensor.of(new float[1], 1, 1),
                dev.strata.training.FitOptions.builder().build()));
        assertEquals("model 'model' is not compiled: call compile(...) before fit, evaluate or trainOnBatch", g.getMessage());
    }

    @Test void tensorOfAnotherModel() {
        ModelBuilder one = new ModelBuilder(), two = new ModelBuilder();
        TensorRef a = one.input("a", 3);
        var e = assertThrows(GraphException.class, () -> two.apply(Dense.of("d", 1, Activation.LINEAR), a));
        assertEquals("layer 'd' is applied to a tensor of another model ('a')", e.getMessage());
    }

    @Test void equalConfigurationsAreStillTwoLayers() {
        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        b.apply(Dense.of("same", 2, Activation.RELU), a);
        var e = assertThrows(GraphException.class, () -> b.apply(Dense.of("same", 2, Activation.RELU), a));
        assertEquals("duplicate layer name 'same': another Dense already has it; names must be unique in a model", e.getMessage());
    }

    @Test void outerLayerNamedLikeANestedOne() {
        ModelBuilder inner = new ModelBuilder();
        TensorRef z = inner.input("z", 3);
        inner.output("o", inner.apply(Dense.of("enc", 3, Activation.RELU), z));
        Model encoder = inner.build();
        ModelBuilder b = new ModelBuilder();
        TensorRef a = b.input("a", 3);
        TensorRef e1 = b.apply(encoder, a);
        var e = assertThrows(GraphException.class, () -> b.apply(Dense.of("enc", 3, Activation.RELU), e1));
        assertEquals("duplicate layer name 'enc': a nested model already has a layer of that name", e.getMessage());
        b.output("y", e1);
        Model outer = b.build();
        assertEquals(encoder.getWeights("enc"), outer.getWeights("enc"), "nested layers' weights are reachable by name");
    }
}
