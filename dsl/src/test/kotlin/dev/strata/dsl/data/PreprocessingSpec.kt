package dev.strata.dsl.data

import dev.strata.data.CsvOptions
import dev.strata.data.DataFormatException
import dev.strata.data.MissingValues
import dev.strata.data.Preprocessing
import dev.strata.data.PreprocessingStep
import dev.strata.data.StandardScaler
import dev.strata.model.Model
import dev.strata.ops.Tensor
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.floats.plusOrMinus as floatPlusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList

private fun values(vararg xs: Double): Flow<Example> = arraySource("x" to xs)

class PreprocessingSpec : FunSpec({

    test("a scaler is fitted on the training rows only and applied unchanged to test rows") {
        val (train, test) = arraySource("x" to DoubleArray(100) { it.toDouble() }).split(0.8, seed = 1)
        val prep = preprocessing { standardize("x") }.fit(train)

        val trainX = train.map { it["x"] }.toList()
        val state = (prep.steps().single() as PreprocessingStep.Standardize).scaler().state()
        state.mean()[0] shouldBe (trainX.average() plusOrMinus 1e-9)
        state shouldBe StandardScaler.fit(Array(trainX.size) { floatArrayOf(trainX[it].toFloat()) }).state()

        val testRows = test.toList()
        val scaled = test.preprocess(prep).map { it["x"] }.toList()
        scaled.indices.forEach { i ->
            scaled[i] shouldBe ((testRows[i]["x"] - state.mean()[0]) / state.scale()[0] plusOrMinus 1e-5)
        }
    }

    test("minMax maps the training range onto [0, 1] (or another range) and does not clip test values") {
        val prep = preprocessing { minMax("x"); minMax(-1.0, 1.0, "y") }
            .fit(arraySource("x" to doubleArrayOf(2.0, 4.0, 6.0), "y" to doubleArrayOf(0.0, 5.0, 10.0)))
        val out = arraySource("x" to doubleArrayOf(4.0, 8.0), "y" to doubleArrayOf(10.0, 0.0)).preprocess(prep).toList()

        out.map { it["x"] } shouldBe listOf(0.5, 1.5)
        out.map { it["y"] } shouldBe listOf(1.0, -1.0)
    }

    test("missing values: a median from the training rows fills, dropMissing drops, and nothing else passes") {
        val train = values(1.0, Double.NaN, 3.0, 10.0)
        val prep = preprocessing { fillMedian("x") }.fit(train)

        (prep.steps().single() as PreprocessingStep.FillMissing).value() shouldBe 3.0
        values(Double.NaN, 7.0).preprocess(prep).map { it["x"] }.toList() shouldBe listOf(3.0, 7.0)

        val dropping = preprocessing { dropMissing("x"); standardize("x") }.fit(train)
        values(Double.NaN, 7.0).preprocess(dropping).toList().size shouldBe 1

        shouldThrow<DataFormatException> { preprocessing { standardize("x") }.fit(train) }
            .message shouldBe "<memory>:2 (column 'x'): missing value; fill or drop missing values (fillMedian, fillConstant, dropMissing) before standardize"
    }

    test("a real file with gaps: keep them while reading, drop rows without targets, fill predictors from train") {
        val options = CsvOptions.defaults().withText("station", "Date").withDropRowsWhereMissing("station")
            .withMissing(MissingValues.keep())
        val rows = csvSource(SAMPLES.resolve("bias_correction_ucl.csv"), options)
        val (train, test) = rows.splitBy { it.text("Date") < "2017-01-01" }
        val predictors = listOf("Present_Tmax", "Present_Tmin", "LDAPS_RHmin", "LDAPS_RHmax")
        val prep = preprocessing {
            dropMissing("Next_Tmax", "Next_Tmin")
            fillMedian(*predictors.toTypedArray())
            standardize(*predictors.toTypedArray())
        }.fit(train)
        val features = features { input("x", *predictors.toTypedArray()); target("max_temp", "Next_Tmax"); target("min_temp", "Next_Tmin") }

        val batches = test.preprocess(prep).batch(512, features).toList()
        val x = Tensor.concatRows(batches.map { it.inputs().getValue("x") }).toFloatArray()
        x.all { it.isFinite() } shouldBe true
        batches.sumOf { it.rows() } shouldBe test.toList().count { !it.isMissing("Next_Tmax") && !it.isMissing("Next_Tmin") }
    }

    test("one-hot: text categories learned from training rows, class indices by count; unknowns are errors") {
        val train = arraySource("kind" to listOf("b", "a", "b"), "label" to intArrayOf(0, 2, 1))
        val prep = preprocessing { oneHot("kind"); toCategorical("label", 3) }.fit(train)
        val row = train.preprocess(prep).toList()[0]

        (prep.steps()[0] as PreprocessingStep.OneHotText).categories() shouldBe listOf("a", "b")
        row.vector("kind").toList() shouldBe listOf(0f, 1f)
        row.vector("label").toList() shouldBe listOf(1f, 0f, 0f)

        shouldThrow<DataFormatException> {
            arraySource("kind" to listOf("c"), "label" to intArrayOf(0)).preprocess(prep).toList()
        }.message shouldBe "<memory>:1 (column 'kind'): category 'c' was not in the training rows; known categories: ['a', 'b']"
        shouldThrow<DataFormatException> {
            arraySource("kind" to listOf("a"), "label" to doubleArrayOf(3.0)).preprocess(prep).toList()
        }.message shouldBe "<memory>:1 (column 'label'): label 3 is not a class index in [0, 3)"
    }

    test("fitted preprocessing is saved inside the model file; the loaded model predicts from raw rows") {
        val data = csvSource(SAMPLES.resolve("ccpp.csv"))
        val (train, test) = data.split(0.8, seed = 1)
        val prep = preprocessing { standardize("AT", "AP", "RH") }.fit(train)
        val features = features(listOf("AT", "AP", "RH"), "PE")
        val model = linearModel(3)
        model.fit(train.preprocess(prep).batch(64, features), epochs = 2, verbose = 0)
        model.attachPreprocessing(prep, features)

        val file = Files.createTempDirectory("strata-prep-spec").resolve("plant.strata")
        model.save(file)
        val loaded = Model.load(file)

        loaded.preprocessing shouldBe prep.withInputs(features.inputs())
        loaded.metadata()[Preprocessing.METADATA_KEY]!! shouldContain "\"standardize\""

        val raw = test.toList().take(20)
        val scaled = Tensor.of(raw.map { r -> prep.transform(r)!!.let { e -> floatArrayOf(e["AT"].toFloat(), e["AP"].toFloat(), e["RH"].toFloat()) } }.toTypedArray())
        val expected = model.predict(scaled).toFloatArray()
        val fromRaw = loaded.predictRaw(raw.map { mapOf("AT" to it["AT"], "AP" to it["AP"], "RH" to it["RH"]) }).toFloatArray()
        fromRaw.indices.forEach { fromRaw[it] shouldBe (expected[it] floatPlusOrMinus 1e-4f) }
        loaded.predictRaw(raw).toFloatArray().toList() shouldBe fromRaw.toList()

        shouldThrow<DataFormatException> { loaded.predictRaw(listOf(mapOf("AT" to 1.0, "AP" to 2.0))) }
            .message shouldStartWith "<predict>:1: no column 'RH', which the preprocessing was fitted with"
        file.parent.toFile().deleteRecursively()
    }

    test("preprocessing round-trips through JSON, every kind of step") {
        val prep = preprocessing {
            dropMissing("t")
            fillMedian("a")
            fillConstant(0.5, "b")
            standardize("a", "b")
            minMax(-1.0, 1.0, "c")
            oneHot("s")
            toCategorical("k", 4)
        }.fit(
            arraySource(
                "t" to doubleArrayOf(1.0, 2.0, Double.NaN), "a" to doubleArrayOf(1.0, Double.NaN, 2.0),
                "b" to doubleArrayOf(Double.NaN, 0.1, 0.3), "c" to doubleArrayOf(5.0, 6.0, 7.0),
                "s" to listOf("x", "y", "x"), "k" to intArrayOf(0, 3, 1),
            ),
        ).withInputs(mapOf("in" to listOf("a", "b", "c", "s")))

        Preprocessing.fromJson(prep.toJson()) shouldBe prep
        prep.steps().map { it::class.simpleName } shouldBe
            listOf("DropMissing", "FillMissing", "FillMissing", "Standardize", "MinMax", "OneHotText", "ToCategorical")
        Preprocessing.fromJson(prep.toJson()).steps()[3].shouldBeInstanceOf<PreprocessingStep.Standardize>()
    }
})
