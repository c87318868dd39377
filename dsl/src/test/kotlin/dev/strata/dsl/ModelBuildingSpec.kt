package dev.strata.dsl

import dev.strata.graph.GraphException
import dev.strata.layers.Dense
import dev.strata.layers.LayerException
import dev.strata.ops.DType
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.types.shouldBeSameInstanceAs

class ModelBuildingSpec : FunSpec({

    test("sequential E2 net: 4 -> 10 tanh -> 1 sigmoid has 50 + 11 = 61 parameters, shown by summary") {
        val net = sequential(inputShape = intArrayOf(4), name = "storm", seed = 1) {
            dense(10, activation = tanh, name = "hidden")
            dense(1, activation = sigmoid, name = "out")
        }

        net.countParams(false) shouldBe 61L
        net.getWeights("hidden").map { it.shape().toList() } shouldContainExactly listOf(listOf(4, 10), listOf(10))
        net.getWeights("out").map { it.shape().toList() } shouldContainExactly listOf(listOf(10, 1), listOf(1))
        net.inputNames() shouldContainExactly listOf("input")
        net.outputNames() shouldContainExactly listOf("out")
        val summary = net.summary()
        summary shouldContain "Model: \"storm\""
        summary shouldMatch Regex("(?s).*hidden \\(Dense\\)\\s+\\(None, 10\\)\\s+50\\b.*")
        summary shouldMatch Regex("(?s).*out \\(Dense\\)\\s+\\(None, 1\\)\\s+11\\b.*")
        summary shouldContain "Total params: 61"
        summary shouldContain "Trainable params: 61"
    }

    test("Keras-style input shape on the first layer, dropout and automatic names") {
        resetLayerNames()
        val net = sequential {
            dense(8, activation = relu, inputDim = 3)
            dropout(0.2)
            dense(8, activation = relu)
            dense(1)
        }
        net.layerNames shouldContainExactly listOf("dense", "dropout", "dense_1", "dense_2")
        net.name() shouldBe "sequential"
        net.countParams(false) shouldBe (3 * 8 + 8) + (8 * 8 + 8) + (8 + 1).toLong()
        // A second model continues the counters, as in a Keras session.
        val other = sequential(inputShape = intArrayOf(2)) { dense(1) }
        other.layerNames shouldContainExactly listOf("dense_3")
        other.name() shouldBe "sequential_1"
    }

    test("an explicit name is never repeated by an automatic one") {
        resetLayerNames()
        val a = dense(2, name = "dense_1")
        val b = dense(2)
        val c = dense(2)
        listOf(a.name(), b.name(), c.name()) shouldContainExactly listOf("dense_1", "dense", "dense_2")
    }

    test("layer options reach the runtime layer with Keras's defaults otherwise") {
        val d = dense(3, activation = leakyRelu(0.2), kernelInitializer = constant(0.5), kernelRegularizer = l2(0.01), useBias = false, trainable = false)
        d.units() shouldBe 3
        d.activation() shouldBe leakyRelu(0.2)
        d.useBias() shouldBe false
        d.trainable() shouldBe false
        d.kernelRegularizer()!!.l2() shouldBe 0.01
        dense(3).activation() shouldBe linear
        dense(3).kernelInitializer() shouldBe glorotUniform()

        val net = sequential(inputShape = intArrayOf(2)) { add(d) }
        net.getWeights(d.name()).single().toList() shouldBe List(6) { 0.5 }
        net.countParams(true) shouldBe 0L
        net.countParams(false) shouldBe 6L
    }

    test("functional model: branches, two named outputs, per-layer shapes and parameter counts") {
        val net = model(name = "power_plant", seed = 1) {
            val x = input("x", 3)
            val h1 = dense(10, activation = relu, name = "hidden_1")(x)
            val h2 = dense(10, activation = relu, name = "hidden_2")(h1)
            h2.shape.toList() shouldBe listOf(10)
            output("pe", dense(1, name = "pe_out")(h2))
            val b = dense(10, activation = relu, name = "branch")(h2)
            output("v", dense(1, name = "v_out")(b))
        }
        net.inputNames() shouldContainExactly listOf("x")
        net.outputNames() shouldContainExactly listOf("pe", "v")
        net.countParams(false) shouldBe (3 * 10 + 10) + (10 * 10 + 10) + 11 + (10 * 10 + 10) + 11L
        net.summary() shouldContain "Total params: 282"
        val out = net.predictAll(mapOf("x" to tensorOf(doubleArrayOf(0.1, 0.2, 0.3), doubleArrayOf(1.0, 0.0, 0.5))))
        out.getValue("pe").shape().toList() shouldBe listOf(2, 1)
        out.getValue("v").shape().toList() shouldBe listOf(2, 1)
    }

    test("merges: concatenate, add, multiply, average over two inputs") {
        val net = model {
            val a = input("a", 2)
            val b = input("b", 2)
            val cat = concatenate(a, b, name = "cat")
            cat.shape.toList() shouldBe listOf(4)
            output("cat", cat)
            output("sum", add(a, b))
            output("prod", multiply(a, b))
            output("avg", average(a, b))
        }
        val out = net.predictAll(mapOf("a" to tensorOf(doubleArrayOf(1.0, 2.0)), "b" to tensorOf(doubleArrayOf(3.0, 5.0))))
        out.getValue("cat").toList() shouldBe listOf(1.0, 2.0, 3.0, 5.0)
        out.getValue("sum").toList() shouldBe listOf(4.0, 7.0)
        out.getValue("prod").toList() shouldBe listOf(3.0, 10.0)
        out.getValue("avg").toList() shouldBe listOf(2.0, 3.5)
    }

    test("a shared layer applied to two tensors has one set of weights") {
        val shared = dense(8, activation = relu, name = "shared")
        val net = model {
            val a = input("a", 4)
            val b = input("b", 4)
            output("y", dense(1, name = "head")(concatenate(shared(a), shared(b))))
        }
        net.weights().all().map { it.name() } shouldContainExactly listOf("shared/kernel", "shared/bias", "head/kernel", "head/bias")
        net.countParams(false) shouldBe (4 * 8 + 8) + (16 + 1).toLong()
        // Same input on both sides: both branches see the same weights, so the halves are equal.
        val sub = model {
            val a = input("a", 4)
            output("both", concatenate(shared(a), shared(a)))
        }
        sub.countParams(false) shouldBe 40L
        val row = sub.predict(tensorOf(doubleArrayOf(0.5, -1.0, 2.0, 0.25))).toList()
        row.take(8) shouldBe row.drop(8)
    }

    test("a built model called on a tensor inside another model shares its weights") {
        val encoder = model(name = "encoder", seed = 3) {
            val x = input("x", 4)
            output("code", dense(2, activation = tanh, name = "enc")(x))
        }
        val outer = model(name = "outer", seed = 4) {
            val x = input("x", 4)
            output("y", dense(1, name = "dec")(encoder(x)))
        }
        outer.countParams(false) shouldBe (4 * 2 + 2) + (2 + 1).toLong()
        outer.weights().of("enc").getValue("kernel") shouldBeSameInstanceAs encoder.weights().of("enc").getValue("kernel")
        outer.summary() shouldContain "encoder (Functional)"

        val x = tensorOf(doubleArrayOf(1.0, 2.0, 3.0, 4.0), doubleArrayOf(-1.0, 0.0, 1.0, 0.5))
        val y = columnOf(0.5, -0.5)
        val before = encoder.predict(x).toList()
        outer.compile(optimizer = sgd(lr = 0.1), loss = mse)
        outer.fit(x, y, epochs = 5, verbose = 0)
        val after = encoder.predict(x).toList()
        after shouldNotBe before
        // The encoder sees exactly the weights the outer model trained.
        encoder.getWeights("enc").map { it.toList() } shouldBe outer.weights().of("enc").values.map { it.get().toList() }
    }

    test("a sub-model up to an inner layer returns that layer's activations") {
        val net = model(seed = 2) {
            val x = input("x", 2)
            val h = dense(3, activation = relu, name = "hidden_1", kernelInitializer = values(1.0, -1.0, 0.5, 2.0, 1.0, -0.5), biasInitializer = constant(0.1))(x)
            output("y", dense(1)(h))
        }
        val hidden = net.layer("hidden_1")
        val act = hidden.predict(tensorOf(doubleArrayOf(1.0, 2.0))).toList()
        // relu(x · kernel + 0.1), kernel rows [1, −1, 0.5] and [2, 1, −0.5]
        act[0] shouldBe (5.1 plusOrMinus 1e-6)
        act[1] shouldBe (1.1 plusOrMinus 1e-6)
        act[2] shouldBe 0.0
        net.weightsOf("hidden_1").getValue("bias").toList() shouldBe listOf(0.1, 0.1, 0.1).map { it.toFloat().toDouble() }
        net.layerDetails() shouldContain "Layer hidden_1"
    }

    test("a shape error fails at build time naming the layer and both shapes") {
        val e = shouldThrow<LayerException> {
            model {
                val a = input("a", 4)
                val b = input("b", 3)
                output("y", add(dense(4)(a), b, name = "merge"))
            }
        }
        e.message shouldContain "layer 'merge' (Add)"
        e.message shouldContain "(None, 4)"
        e.message shouldContain "(None, 3)"

        val nested = model(name = "takes_four") { output("y", dense(1)(input("x", 4))) }
        val e2 = shouldThrow<LayerException> {
            model { output("y", nested(input("x", 3))) }
        }
        e2.message shouldContain "takes_four"
        e2.message shouldContain "(None, 4)"
        e2.message shouldContain "(None, 3)"

        val e3 = shouldThrow<LayerException> {
            sequential(inputShape = intArrayOf(2, 3)) { dense(4, name = "flat_needed") }
        }
        e3.message shouldContain "flat_needed"
        e3.message shouldContain "(None, 2, 3)"
    }

    test("graph errors the compiler cannot catch fail when the model is built") {
        shouldThrow<GraphException> {
            model {
                val x = input("x", 2)
                input("unused", 2)
                output("y", dense(1)(x))
            }
        }.message shouldContain "input 'unused' does not reach any output"
        shouldThrow<GraphException> {
            model {
                val x = input("x", 2)
                output("y", dense(1, name = "twin")(x))
                output("z", dense(1, name = "twin")(x))
            }
        }.message shouldContain "duplicate layer name 'twin'"
        val encoder = model(name = "enc_model") { output("code", dense(2, name = "enc")(input("x", 2))) }
        shouldThrow<GraphException> {
            model {
                val x = input("x", 2)
                output("y", dense(2, name = "enc")(encoder(x)))
            }
        }.message shouldContain "duplicate layer name 'enc': a Dense layer and layer 'enc' of nested model 'enc_model' share it"
        shouldThrow<IllegalStateException> { sequential { dense(1) } }.message shouldContain "needs the input shape"
        shouldThrow<IllegalArgumentException> {
            sequential(inputShape = intArrayOf(2)) { dense(2); dense(1, inputDim = 2) }
        }.message shouldContain "only the first layer"
    }

    test("float64 models and the list form of sequential") {
        val layers = listOf(dense(2, activation = relu), dense(1))
        val net = sequential(layers, inputShape = intArrayOf(3), dtype = DType.FLOAT64)
        net.dtype() shouldBe DType.FLOAT64
        net.layerNames shouldContainExactly layers.map(Dense::name)
    }

    test("a sequential stack can hold a built model as a layer, sharing its weights") {
        val block = sequential(inputShape = intArrayOf(3), name = "block") { dense(3, activation = relu, name = "inner") }
        val stack = sequential(inputShape = intArrayOf(3)) {
            add(block)
            outputShape!!.toList() shouldBe listOf(3)
            dense(1, name = "top")
        }
        stack.layerNames shouldContainExactly listOf("block", "top")
        stack.countParams(false) shouldBe 12L + 4L
        stack.weights().of("inner").getValue("kernel") shouldBeSameInstanceAs block.weights().of("inner").getValue("kernel")
    }
})
