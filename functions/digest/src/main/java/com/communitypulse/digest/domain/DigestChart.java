package com.communitypulse.digest.domain;

import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.DigestFigures;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The digest's one picture: the week's actions per day, stacked by type, as a PNG (drawn headless). */
public final class DigestChart {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;

    private static final Color[] PALETTE = {
        new Color(0x2f6fde), new Color(0x2ca58d), new Color(0xf2a541), new Color(0xd1495b),
        new Color(0x7b5ea7)
    };
    private static final Color OTHER_GREY = new Color(0x9aa5b1);

    static {
        // Lambda has no display; AWT must never try to reach one.
        System.setProperty("java.awt.headless", "true");
    }

    private DigestChart() {
    }

    public static byte[] png(DigestFigures figures) {
        List<String> days = new ArrayList<>();
        // Day names only: dates would crowd each other at phone width; the title names the week.
        figures.days().forEach(d -> days.add(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)));
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Actions per day, " + figures.week().id()).yAxisTitle("actions").build();
        var styler = chart.getStyler();
        styler.setStacked(true);
        // Beside the plot, one type per line: a row under it runs out of width with five types.
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setAxisTicksLineVisible(false);
        styler.setYAxisDecimalPattern("#");
        styler.setSeriesColors(PALETTE);
        styler.setAvailableSpaceFill(0.7);
        // Shown about 350 px wide on a phone: fonts big enough to survive the shrink.
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setChartTitleBoxVisible(false);
        Map<String, int[]> series = figures.dailyActionsByType();
        if (series.isEmpty()) {
            chart.addSeries("no actions", days, List.of(0, 0, 0, 0, 0, 0, 0));
        }
        series.forEach((type, counts) -> {
            List<Integer> values = new ArrayList<>();
            for (int c : counts) {
                values.add(c);
            }
            var bars = chart.addSeries(type.replace('_', ' '), days, values);
            if (FigureCalculator.OTHER.equals(type)) {
                bars.setFillColor(OTHER_GREY);
            }
        });
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG", e);
        }
    }
}
