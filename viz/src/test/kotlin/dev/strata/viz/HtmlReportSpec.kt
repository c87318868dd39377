package dev.strata.viz

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.Enabled
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.nio.file.Files

class HtmlReportSpec : FunSpec({
    val model = Fixtures.twoOutput()
    Fixtures.compileTwoOutput(model)
    val (x, y) = Fixtures.twoOutputData(400)
    val page = Fixtures.out.resolve("run.html")
    Files.deleteIfExists(page)
    val epochsSeen = ArrayList<String>()
    // A callback after the report's reads the page as a user watching it would, epoch by epoch.
    val watcher = object : dev.strata.training.Callback {
        override fun onEpochEnd(epoch: Int, logs: Map<String, Double>, trainer: dev.strata.training.Trainer) {
            epochsSeen += Regex("training — epoch (\\d+)").find(Files.readString(page))!!.groupValues[1]
        }
    }
    val history = model.fit(x, y, Fixtures.fitOptions(5, Plots.htmlReport(page), watcher))
    val html = Files.readString(page)

    test("the report is rewritten after every epoch and finished at the end") {
        epochsSeen shouldBe listOf("1", "2", "3", "4", "5")
        html shouldContain "finished after 5 epochs"
        html shouldNotContain "http-equiv=\"refresh\""   // the last write stops the reloading
        Files.list(Fixtures.out).use { s -> s.filter { it.fileName.toString().startsWith(".run.html") }.count() } shouldBe 0L
    }

    test("one self-contained page: summary, metrics, curves and diagram inline, no URL, no script") {
        html shouldNotContain "http://"
        html shouldNotContain "https://"
        html shouldNotContain "<script"
        html shouldNotContain "<?xml"
        html shouldContain "<div class=\"figure\" id=\"curves\">\n<svg"
        html shouldContain "<div class=\"figure\" id=\"diagram\">\n<svg"
        for (layer in listOf("hidden_1 (Dense)", "merge (Concatenate)", "pe_out (Dense)", "v_out (Dense)", "x (InputLayer)"))
            html shouldContain "<td>$layer</td>"
        html shouldContain "Total params: ${"%,d".format(model.countParams(false))}"
        html shouldContain "<td>hidden_1, hidden_2</td>"   // merge's inputs
        // The latest metrics table holds the last epoch's values.
        val last = history.values()
        html shouldContain "<td>pe_loss</td><td class=\"num\">${"%.5g".format(java.util.Locale.ROOT, last.getValue("pe_loss").last())}</td>"
        html shouldContain ">v_out<"      // the diagram's text
        html shouldContain ">v_mae<"      // a curve panel's axis title
    }

    test("only .html is accepted") {
        val e = shouldThrow<IllegalArgumentException> { Plots.htmlReport(Fixtures.out.resolve("run.htm")) }
        e.message shouldContain "expected an extension among [.html]"
    }

    test("chromium shows the page with both training curves").config(enabledOrReasonIf = {
        Browser.missing?.let { println("HtmlReportSpec: browser test skipped: $it"); Enabled.disabled(it) } ?: Enabled.enabled
    }) {
        val shot = Fixtures.out.resolve("run_screenshot.png")
        Browser.screenshot(page, shot)
        val img = Fixtures.png(shot)
        img.width shouldBe 1200
        img.height shouldBe 1600
        Fixtures.inked(img) shouldBeGreaterThan 0.03
        Fixtures.count(img, 0x1f77b4, tol = 25) shouldBeGreaterThan 300   // train lines
        Fixtures.count(img, 0xff7f0e, tol = 25) shouldBeGreaterThan 300   // validation lines
    }
})
