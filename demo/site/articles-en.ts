/**
 * @module demo/site/articles-en
 * The English edition of The Ardel Courier, a newspaper invented for Lede's demo: Port Ardel, its river,
 * its people and every event below are made up, and the text was written for this project.
 */
import type { DemoArticle } from './article.ts';

export const ENGLISH_ARTICLES: readonly DemoArticle[] = [
  {
    section: 'politics',
    slug: 'council-brings-back-night-buses',
    title: 'City Council Votes to Bring Back Night Buses',
    standfirst: 'Three routes will run until two in the morning from spring, paid for by a new parking fee downtown.',
    author: 'Mira Tolegen',
    hoursAgo: 2,
    image: { hue: 210, alt: 'A bus stop under a street lamp', credit: 'Illustration: The Ardel Courier / Dana Sarsen' },
    paragraphs: [
      'Port Ardel will have night buses again from the first of April, after the city council voted twenty-one to six on Tuesday to restore three routes cut a decade ago.',
      'The buses will leave the river station every forty minutes until two in the morning and reach the hospital, the university campus and the eastern housing estates.',
      'Councillors who backed the plan said nurses, bakers and students had asked for it at every public meeting for years, often walking home across the old bridge.',
      'The service will cost about the same as repainting the tram depot, and it will be paid for by a higher evening parking fee in the streets around the market.',
      'Opponents argued that the fee would push shoppers to the new mall on the ring road, and asked for a review of passenger numbers after the first six months.',
      'The transport office said drivers would be hired in February and that the timetable would be printed at every stop before the first night run.',
    ],
  },
  {
    section: 'politics',
    slug: 'ferry-bridge-closes-for-repairs',
    title: 'Old Ferry Bridge to Close for Three Weekends of Repairs',
    standfirst:
      'Engineers will replace worn joints on the city’s oldest crossing; pedestrians can still use the footway.',
    author: 'Arman Kuanysh',
    hoursAgo: 9,
    image: {
      hue: 30,
      alt: 'An iron bridge over a wide river',
      credit: 'Illustration: The Ardel Courier / Dana Sarsen',
    },
    paragraphs: [
      'The Ferry Bridge, the iron crossing that has carried traffic over the Ardel since before the railway arrived, will close to cars on three weekends next month.',
      'Engineers found during the autumn inspection that several expansion joints had worn thin and that rainwater was reaching the bearings beneath the deck.',
      'The work will start on Friday evenings and finish by Monday at dawn, so that the morning queues of lorries heading to the port are not made longer.',
      'Drivers will be sent over the northern bridge, which adds about ten minutes to a trip across the city, and extra ferries will carry cyclists from the fish market.',
      'The footway on the upstream side stays open the whole time, the city engineer said, because the joints on that side were already replaced two years ago.',
    ],
  },
  {
    section: 'economy',
    slug: 'apricot-growers-share-cold-storage',
    title: 'Apricot Growers Form a Cooperative to Share Cold Storage',
    standfirst:
      'Forty orchards in the valley will pool their harvest to sell later in the season, when prices are higher.',
    author: 'Saule Bekova',
    hoursAgo: 5,
    image: {
      hue: 35,
      alt: 'Crates of apricots in a warehouse',
      credit: 'Illustration: The Ardel Courier / Timur Ospan',
    },
    paragraphs: [
      'Forty apricot growers from the villages above Port Ardel signed the papers on Monday to found a cooperative that will run a shared cold store near the rail yard.',
      'Until now most of them sold their fruit within days of picking, when every orchard in the valley is selling at once and traders set the price.',
      'With cold storage the fruit can wait for up to six weeks, and the growers hope to reach the capital’s markets in August, after the southern harvest has ended.',
      'The store will be built in an empty grain warehouse that the cooperative bought with a loan from the regional development fund and its members’ own savings.',
      'Its chair, a grower whose family has kept an orchard on the same slope for four generations, said the biggest change would be planning the harvest together.',
    ],
  },
  {
    section: 'economy',
    slug: 'harbour-ledger-freight',
    title: 'What the Harbour Authority’s Ledger Says About Freight',
    standfirst:
      'The port handled more grain and less timber last year; subscribers can read the full breakdown by cargo.',
    author: 'Saule Bekova',
    hoursAgo: 12,
    image: { hue: 195, alt: 'Cranes at a river harbour', credit: 'Illustration: The Ardel Courier / Timur Ospan' },
    signal: 'paywalled',
    paragraphs: [
      'The harbour authority published its yearly ledger on Thursday, and the numbers show a river port that is slowly changing what it carries.',
      'Grain shipments grew for the third year in a row, helped by the new elevator on the southern quay, while timber barges were fewer than at any time this decade.',
      'The authority’s director said the port would need to dredge the outer channel within five years if grain barges keep getting larger.',
    ],
    premium: [
      'Subscribers can read here the ledger’s figures for each cargo, from grain and timber to fertiliser and containers, quarter by quarter.',
      'The authority’s list of the ten largest customers, and what each paid in harbour dues, is also part of the subscribers’ edition.',
    ],
  },
  {
    section: 'culture',
    slug: 'library-poetry-nights',
    title: 'The Central Library Stays Open Late for Poetry Nights',
    standfirst:
      'Every Friday until ten, local poets read their work and anyone can take the microphone for the last hour.',
    author: 'Dana Sarsen',
    hoursAgo: 7,
    image: { hue: 280, alt: 'Shelves of books in warm light', credit: 'Illustration: The Ardel Courier / Dana Sarsen' },
    paragraphs: [
      'The central library on Embankment Street now stays open until ten on Fridays, and the reading room has become a stage for the city’s poets.',
      'The first evening drew more than a hundred people, who sat between the shelves and on the stairs to hear six poets read in three languages.',
      'For the last hour the microphone is open to anyone, and the librarians keep a list by the door so that nobody reads for more than five minutes.',
      'The library’s director said the idea came from readers who asked for somewhere warm and quiet to meet in the evening that did not sell drinks.',
      'Children’s story nights will follow on Saturdays in spring, read by volunteers from the teachers’ college across the square.',
    ],
  },
  {
    section: 'culture',
    slug: 'felt-makers-exhibition',
    title: 'Felt Makers From the Upper Valley Show Their Work in Port Ardel',
    standfirst: 'Rugs, bags and a yurt cover made by twelve families go on show at the old customs house.',
    author: 'Dana Sarsen',
    hoursAgo: 20,
    image: {
      hue: 10,
      alt: 'Patterned felt rugs hanging on a wall',
      credit: 'Illustration: The Ardel Courier / Dana Sarsen',
    },
    signal: 'nosnippet',
    paragraphs: [
      'Twelve families of felt makers from the upper valley have brought their work down the river for an exhibition at the old customs house.',
      'The largest piece is a yurt cover that took four women a whole summer to roll, press and stitch, decorated with the ram’s horn pattern of their village.',
      'Visitors can watch a demonstration every afternoon, when wool is laid out on a reed mat, soaked in hot water and rolled until the fibres lock together.',
      'The exhibition is open until the end of the month, and the makers take orders for rugs made to the size of a visitor’s own room.',
    ],
  },
  {
    section: 'science',
    slug: 'pupils-build-weather-station',
    title: 'Pupils Build a Weather Station That Now Feeds the City’s Forecast',
    standfirst: 'A school’s rooftop instruments fill a gap in the east of the city, where fog forms first.',
    author: 'Timur Ospan',
    hoursAgo: 15,
    // No credit on purpose: under Lede's default licence (images: "credited") the item carries no image.
    image: { hue: 160, alt: 'A small weather station on a roof' },
    paragraphs: [
      'Pupils at the eastern secondary school spent a year building a weather station on their roof, and since last week its readings have been part of the city forecast.',
      'The station measures temperature, humidity, wind and rainfall every ten minutes and sends them to the meteorological office over the school’s own network.',
      'Forecasters had no instruments in the eastern estates, where fog from the marshes forms first and often closes the ring road before the rest of the city wakes.',
      'The physics teacher who led the project said the pupils had learned more about calibration and patience than any textbook could teach them.',
      'Two other schools have asked for the plans, which the pupils have published with a list of parts that costs less than a new bicycle.',
    ],
  },
  {
    section: 'science',
    slug: 'volunteers-count-young-sturgeon',
    title: 'Volunteers Count Young Sturgeon in the Ardel for the First Time',
    standfirst:
      'Divers and anglers found young fish in four of the river’s deep pools, a sign that spawning has returned.',
    author: 'Timur Ospan',
    hoursAgo: 26,
    image: {
      hue: 185,
      alt: 'Shallow river water over pebbles',
      credit: 'Illustration: The Ardel Courier / Timur Ospan',
    },
    paragraphs: [
      'For the first time, volunteers have counted young sturgeon in the Ardel, and they found them in four of the seven deep pools below the city.',
      'The count was organised by the university’s fisheries department, which trained thirty divers and anglers to record fish without taking them from the water.',
      'Sturgeon stopped spawning in the river when the old dam blocked their way upstream, and the fish pass built beside it five years ago was meant to bring them back.',
      'The researchers said the young fish were too small to have come from the hatchery, which means adults have been spawning in the river on their own.',
    ],
    unquotable:
      'The exact pools where the young fish were found are not named here, at the researchers’ request, to keep poachers away.',
  },
  {
    section: 'sport',
    slug: 'rowing-club-wins-regatta',
    title: 'Rowing Club Wins Its First Regatta in Eleven Years',
    standfirst: 'The Port Ardel eight beat crews from five cities on a windy course at the reservoir.',
    author: 'Arman Kuanysh',
    hoursAgo: 33,
    image: {
      hue: 225,
      alt: 'A rowing boat on calm water at dawn',
      credit: 'Illustration: The Ardel Courier / Arman Kuanysh',
    },
    paragraphs: [
      'The Port Ardel Rowing Club won the regional regatta on Sunday, its first victory in the event for eleven years, beating crews from five cities.',
      'A strong crosswind made the reservoir course rough, and two boats from the favourites’ club took on water in the final and lost their rhythm.',
      'The Port Ardel eight, half of whom started rowing only three years ago, kept a steady stroke and crossed the line a length and a half ahead.',
      'Their coach said the crew had trained on the river through the winter, breaking ice at the boathouse steps on the coldest mornings.',
      'The club is now raising money for a new boat, since the one that won on Sunday was built before most of the crew were born.',
    ],
  },
];
