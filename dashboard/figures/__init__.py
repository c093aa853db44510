"""Pure plotly figures: data in, figure out; no queries, no Dash.

    base.py        the font, colours, template and layout every figure shares; labelled lines;
                   a figure's note in its hover
    caseloads.py   the hex map, every council ranked, the spread of averages, lines over time
    variation.py   how far councils vary: the funnel plot and the size of the postcode lottery
"""
